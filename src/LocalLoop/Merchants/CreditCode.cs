using System.Text.RegularExpressions;

namespace LocalLoop.Merchants;

/// <summary>
/// The unified social credit code (统一社会信用代码) printed on a Chinese business licence: 18 characters from
/// digits and capital letters without I, O, S, V and Z; characters 3–8 are the region's digits.
/// Only the form is checked here; whether the code exists is the reviewer's job.
/// </summary>
public static partial class CreditCode
{
    public static string Normalize(string code) => code.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public static bool IsWellFormed(string code) => Pattern().IsMatch(Normalize(code));

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$")]
    private static partial Regex Pattern();
}
