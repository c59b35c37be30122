namespace LocalLoop.Platform;

/// <summary>
/// Phone numbers as people type them: "138 0013 8000", "138-0013-8000", "+86 13800138000" and "0086…" are the
/// same mainland number. Stored numbers keep what was typed, so lookups compare normalised forms.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>Removes spaces and dashes and a leading +86 / 0086; the rest must be 5 to 20 digits.</summary>
    public static bool TryNormalise(string? input, out string national)
    {
        var compact = new string((input ?? "").Where(c => c is not (' ' or '-' or '\u00A0')).ToArray());
        if (compact.StartsWith("+86", StringComparison.Ordinal))
        {
            compact = compact[3..];
        }
        else if (compact.StartsWith("0086", StringComparison.Ordinal))
        {
            compact = compact[4..];
        }

        national = compact;
        return compact.Length is >= 5 and <= 20 && compact.All(char.IsAsciiDigit);
    }

    /// <summary>The forms (without spaces and dashes) in which this number may have been stored.</summary>
    public static List<string> StoredForms(string national) => [national, "+86" + national, "0086" + national, "86" + national];

    /// <summary>"138****8000": the first three and last four digits of a mobile number, fewer for short ones.</summary>
    public static string Mask(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 11)
        {
            return digits[..3] + new string('*', digits.Length - 7) + digits[^4..];
        }

        return digits.Length > 4 ? new string('*', digits.Length - 4) + digits[^4..] : new string('*', digits.Length);
    }
}
