using System.Globalization;
using LocalLoop.Platform;

namespace LocalLoop.Ui;

/// <summary>How the merchant and operator consoles show and read times, amounts and statuses.</summary>
public static class ConsoleFormat
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A UTC instant as Shanghai wall-clock time: "2025-11-21 14:05".</summary>
    public static string LocalTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string LocalTime(DateTimeOffset? instant) => instant is { } value ? LocalTime(value) : "";

    /// <summary>Only the time of day in Shanghai, for today's log lines: "14:05:09".</summary>
    public static string LocalClock(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, China).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Yuan(long fen) => new Money(fen).ToString();

    /// <summary>
    /// Reads an amount typed in yuan ("88", "88.5", "¥1,288.00") into fen. Fails on anything else,
    /// on more than two decimals, on negative amounts and on amounts too large to be a price.
    /// </summary>
    public static bool TryParseYuan(string? input, out long fen)
    {
        fen = 0;
        var text = (input ?? "").Trim().TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal).Trim();
        if (text.Length == 0 || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan))
        {
            return false;
        }

        if (yuan < 0 || yuan > 100_000_000m || decimal.Round(yuan, 2) != yuan)
        {
            return false;
        }

        fen = Money.FromYuan(yuan).Fen;
        return true;
    }

    /// <summary>The design system's badge class for a deal's or an application's status.</summary>
    public static string StatusBadge(string status) => status switch
    {
        "Approved" => "badge badge-success",
        "Rejected" => "badge badge-danger",
        "PendingReview" or "Pending" => "badge badge-warning",
        _ => "badge badge-muted",
    };

    /// <summary>"123456789012" → "1234 5678 9012", leaving anything that is not a 12-digit code alone.</summary>
    public static string GroupedCode(string code) =>
        code.Length == 12 && code.All(char.IsAsciiDigit) ? $"{code[..4]} {code[4..8]} {code[8..]}" : code;
}
