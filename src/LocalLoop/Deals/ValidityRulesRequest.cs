using System.Globalization;
using LocalLoop.Platform;

namespace LocalLoop.Deals;

/// <summary>
/// The validity rules as an owner submits them: dates as yyyy-MM-dd and hours as HH:mm, so a malformed value gets a
/// field error in both languages rather than a binding failure. Everything optional: an empty request restricts nothing.
/// </summary>
/// <param name="ValidFrom">First day of a fixed window; with <paramref name="ValidUntil"/> it replaces "N days from purchase".</param>
public sealed record ValidityRulesRequest(string? ValidFrom = null, string? ValidUntil = null, bool WeekendsOff = false, bool HolidaysOff = false,
    List<string>? UnusableDates = null, string? UsableFrom = null, string? UsableUntil = null, int? PerVisitLimit = null,
    bool BookingRequired = false, string? BookingNote = null)
{
    /// <summary>The rules, with every problem added to <paramref name="errors"/> (the caller throws them together with the deal's other fields).</summary>
    /// <param name="today">The owner's local date: a window must not have ended already.</param>
    public ValidityRules ToRules(Validation errors, DateOnly today)
    {
        DateOnly? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(ValidFrom) || !string.IsNullOrWhiteSpace(ValidUntil))
        {
            var bothParse = TryDate(ValidFrom, out var first) & TryDate(ValidUntil, out var last);
            errors.Check(nameof(ValidUntil), bothParse, "Give the window's first and last day as dates like 2026-12-01.", "请按 2026-12-01 的格式填写有效期的开始和结束日期。");
            if (bothParse)
            {
                errors.Check(nameof(ValidUntil), last >= first, "The window's last day must not be before its first day.", "有效期结束日期不能早于开始日期。");
                errors.Check(nameof(ValidUntil), last >= today, "The window has already ended: its last day must be today or later.", "有效期结束日期已过，请选择今天或以后的日期。");
                errors.Check(nameof(ValidUntil), last.DayNumber - first.DayNumber < DealManagement.MaxValidityDays,
                    $"A window may last at most {DealManagement.MaxValidityDays} days.", $"有效期最长 {DealManagement.MaxValidityDays} 天。");
                (start, end) = (first, last);
            }
        }

        var dates = new List<DateOnly>();
        var listed = UnusableDates ?? [];
        errors.Check(nameof(UnusableDates), listed.Count <= ValidityRules.MaxUnusableDates,
            $"List at most {ValidityRules.MaxUnusableDates} unusable dates.", $"不可用日期最多 {ValidityRules.MaxUnusableDates} 个。");
        foreach (var value in listed.Where(d => !string.IsNullOrWhiteSpace(d)))
        {
            var ok = TryDate(value, out var date);
            errors.Check(nameof(UnusableDates), ok, $"\"{value}\" is not a date like 2026-12-24.", $"“{value}”不是日期，请按 2026-12-24 的格式填写。");
            dates.Add(date);
        }

        TimeOnly? from = null, until = null;
        if (!string.IsNullOrWhiteSpace(UsableFrom) || !string.IsNullOrWhiteSpace(UsableUntil))
        {
            var bothParse = TryTime(UsableFrom, out var opens) & TryTime(UsableUntil, out var closes);
            errors.Check(nameof(UsableUntil), bothParse, "Give the usable hours as two times like 10:00 and 22:00.", "请按 10:00 和 22:00 的格式填写可用时段的开始和结束时间。");
            if (bothParse)
            {
                errors.Check(nameof(UsableUntil), opens != closes, "The usable hours must start and end at different times.", "可用时段的开始和结束时间不能相同。");
                (from, until) = (opens, closes);
            }
        }

        errors.Check(nameof(PerVisitLimit), PerVisitLimit is null or >= 1 and <= ValidityRules.MaxPerVisitLimit,
            $"The per-visit limit must be 1 to {ValidityRules.MaxPerVisitLimit} vouchers, or empty for no limit.",
            $"每桌限用张数须为 1 到 {ValidityRules.MaxPerVisitLimit}，不限则留空。");
        errors.Check(nameof(BookingNote), (BookingNote ?? "").Trim().Length <= ValidityRules.MaxBookingNoteLength,
            $"The booking note must be at most {ValidityRules.MaxBookingNoteLength} characters.", $"预约说明不能超过 {ValidityRules.MaxBookingNoteLength} 个字符。");

        return new ValidityRules
        {
            WindowStart = start,
            WindowEnd = end,
            WeekendsOff = WeekendsOff,
            HolidaysOff = HolidaysOff,
            UnusableDates = dates.Distinct().Order().ToList(),
            UsableFrom = from,
            UsableUntil = until,
            PerVisitLimit = PerVisitLimit,
            BookingRequired = BookingRequired,
            BookingNote = BookingRequired && !string.IsNullOrWhiteSpace(BookingNote) ? BookingNote.Trim() : null,
        };
    }

    private static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact((value ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact((value ?? "").Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
