using System.Security.Cryptography;

namespace LocalLoop.Vouchers;

/// <summary>
/// A 12-digit voucher code from a cryptographic random source: 9×10¹¹ possibilities, so guessing a live code is
/// infeasible, and the verification rate limit makes trying pointless.
/// </summary>
public readonly record struct VoucherCode
{
    public const int Length = 12;

    private VoucherCode(string value) => Value = value;

    public string Value { get; }

    public static VoucherCode NewRandom()
    {
        Span<char> digits = stackalloc char[Length];
        // A non-zero first digit keeps the code intact in spreadsheets that drop leading zeros.
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9));
        for (var i = 1; i < Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new VoucherCode(new string(digits));
    }

    /// <summary>Accepts what a clerk types: spaces and dashes between digit groups are ignored.</summary>
    public static bool TryParse(string? input, out VoucherCode code)
    {
        var digits = new string((input ?? "").Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length == Length && digits.All(char.IsAsciiDigit))
        {
            code = new VoucherCode(digits);
            return true;
        }

        code = default;
        return false;
    }

    /// <summary>"1234 5678 9012" — easier to read aloud at the counter.</summary>
    public string Grouped => $"{Value[..4]} {Value[4..8]} {Value[8..]}";

    /// <summary>"********9012": enough for the clerk to match the customer's screen, not enough to use it elsewhere.</summary>
    public static string Mask(string code) => code.Length <= 4 ? code : new string('*', code.Length - 4) + code[^4..];

    public override string ToString() => Value;
}
