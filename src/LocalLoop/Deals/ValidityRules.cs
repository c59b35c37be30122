using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LocalLoop.Deals;

/// <summary>
/// When a deal's vouchers may be used, in Asia/Shanghai local time: an optional fixed window (otherwise N days from
/// purchase, kept in <see cref="Deal.ValidityDays"/>), days that are off (weekends, statutory holidays, listed dates),
/// daily usable hours (possibly across midnight), a per-visit limit and whether booking is required. Snapshotted onto
/// each voucher when it is issued. The default value restricts nothing: the behaviour of deals made before rules existed.
/// </summary>
/// <remarks>
/// A use after midnight inside hours that began the evening before (17:00–02:00, used at 01:00) belongs to the
/// previous local date, its business day: the date rules and the per-visit limit look at that day.
/// </remarks>
public sealed record ValidityRules
{
    public const int MaxUnusableDates = 60;
    public const int MaxPerVisitLimit = 99;
    public const int MaxBookingNoteLength = 200;

    /// <summary>China Standard Time: no daylight saving time since 1991, so a fixed offset is exact.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static readonly ValidityRules None = new();

    /// <summary>First local day of a fixed window; null: N days from purchase.</summary>
    public DateOnly? WindowStart { get; init; }

    /// <summary>Last local day of a fixed window (inclusive).</summary>
    public DateOnly? WindowEnd { get; init; }

    public bool WeekendsOff { get; init; }
    public bool HolidaysOff { get; init; }
    public IReadOnlyList<DateOnly> UnusableDates { get; init; } = [];

    /// <summary>Daily usable hours, start inclusive; null: all day.</summary>
    public TimeOnly? UsableFrom { get; init; }

    /// <summary>Daily usable hours, end exclusive; earlier than <see cref="UsableFrom"/> when they cross midnight.</summary>
    public TimeOnly? UsableUntil { get; init; }

    /// <summary>每桌限用 N 张: at most this many vouchers of the deal per visit; null: no limit.</summary>
    public int? PerVisitLimit { get; init; }

    /// <summary>需预约: shown to the consumer and the clerk; it does not block verification.</summary>
    public bool BookingRequired { get; init; }
    public string? BookingNote { get; init; }

    [JsonIgnore]
    public bool HasFixedWindow => WindowStart is not null && WindowEnd is not null;

    private bool HasHours => UsableFrom is not null && UsableUntil is not null;

    private bool HoursCrossMidnight => HasHours && UsableUntil < UsableFrom;

    public static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(ChinaOffset);

    /// <summary>
    /// A voucher paid at <paramref name="paidAt"/>: usable from the window's first day (or at once) until the end of
    /// the window's last local day, or of the Nth local day after purchase (bought 2026-11-21 23:30 with 1 day: until
    /// 2026-11-22 23:59:59.999). The end is exclusive: <c>ExpiresAt</c> is the next local midnight.
    /// </summary>
    public (DateTimeOffset ValidFrom, DateTimeOffset ExpiresAt) Period(DateTimeOffset paidAt, int validityDays)
    {
        if (HasFixedWindow)
        {
            var start = LocalInstant(WindowStart!.Value, TimeOnly.MinValue);
            return (start > paidAt ? start : paidAt, LocalInstant(WindowEnd!.Value.AddDays(1), TimeOnly.MinValue));
        }

        var bought = DateOnly.FromDateTime(Local(paidAt).DateTime);
        return (paidAt, LocalInstant(bought.AddDays(validityDays + 1), TimeOnly.MinValue));
    }

    /// <summary>A Shanghai local date and time as a UTC instant (PostgreSQL stores only UTC offsets).</summary>
    public static DateTimeOffset LocalInstant(DateOnly day, TimeOnly time) => new DateTimeOffset(day.ToDateTime(time), ChinaOffset).ToUniversalTime();

    /// <summary>The local date a use at this instant counts for: its calendar date, or the day before in the after-midnight part of hours that cross midnight.</summary>
    public DateOnly BusinessDay(DateTimeOffset instant)
    {
        var local = Local(instant);
        var date = DateOnly.FromDateTime(local.DateTime);
        return HoursCrossMidnight && TimeOnly.FromDateTime(local.DateTime) < UsableUntil ? date.AddDays(-1) : date;
    }

    /// <summary>
    /// Why the voucher cannot be used at this instant under these rules (code, English, Chinese with local dates and
    /// times), or null if it can. Validity period, state and store are the caller's; this answers the rest.
    /// </summary>
    /// <param name="validFrom">The voucher's first usable instant.</param>
    /// <param name="usedThisVisit">Vouchers of this deal already counted for this visit (verified today at this store by this consumer, and those before it in the same batch).</param>
    public VoucherRefusal? RefusalAt(DateTimeOffset now, DateTimeOffset validFrom, HolidayCalendar holidays, int usedThisVisit)
    {
        if (now < validFrom)
        {
            var from = Local(validFrom).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return new("not_yet_valid", $"This voucher is not valid yet: usable from {from}.", $"该券尚未生效，{from} 起可用。");
        }

        var local = Local(now);
        var day = BusinessDay(now);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var isToday = day == DateOnly.FromDateTime(local.DateTime);
        var todayZh = isToday ? "今天是" : "当前营业日（凌晨时段计入前一天）是";
        var todayEn = isToday ? "today is" : "the current business day (after midnight counts for the day before) is";

        if (WeekendsOff && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            var zh = day.DayOfWeek == DayOfWeek.Saturday ? "周六" : "周日";
            return new("unusable_weekend", $"This voucher cannot be used at weekends; {todayEn} {day.DayOfWeek} ({dayText}).",
                $"该券周末不可用，{todayZh}{zh}（{dayText}）。");
        }

        if (HolidaysOff && holidays.Find(day) is { } holiday)
        {
            return new("unusable_holiday", $"This voucher cannot be used on public holidays; {todayEn} {holiday.NameEn} ({dayText}).",
                $"该券法定节假日不可用，{todayZh}{holiday.NameZh}（{dayText}）。");
        }

        if (UnusableDates.Contains(day))
        {
            return new("unusable_date", $"This voucher cannot be used on {dayText}, a date the merchant excluded.",
                $"该券在 {dayText} 不可用（商家指定的不可用日期）。");
        }

        if (HasHours && !WithinHours(TimeOnly.FromDateTime(local.DateTime)))
        {
            var hours = HoursText;
            var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
            return new("outside_hours", $"This voucher can only be used {hours}; it is now {time}.", $"该券仅限 {hours} 使用，现在是 {time}。");
        }

        if (PerVisitLimit is { } limit && usedThisVisit >= limit)
        {
            return new("per_visit_limit", $"At most {limit} vouchers of this deal per table/visit; this visit already has {usedThisVisit}.",
                $"该团购每桌限用 {limit} 张，本桌本次已有 {usedThisVisit} 张。");
        }

        return null;
    }

    private bool WithinHours(TimeOnly time) => HoursCrossMidnight
        ? time >= UsableFrom || time < UsableUntil
        : time >= UsableFrom && time < UsableUntil;

    /// <summary>"10:00–22:00", "17:00–次日02:00" in Chinese.</summary>
    private string HoursText => $"{UsableFrom:HH\\:mm}–{UsableUntil:HH\\:mm}";

    /// <summary>The rules as short lines for the consumer and the clerk ("周末、法定节假日不可用", "10:00–22:00 可用", "每桌限用 2 张", "需预约"). Empty when nothing is restricted.</summary>
    public List<string> Describe(bool chinese)
    {
        var lines = new List<string>();
        if (HasFixedWindow)
        {
            var start = WindowStart!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var end = WindowEnd!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            lines.Add(chinese ? $"有效期 {start} 至 {end}" : $"Valid {start} to {end}");
        }

        var off = new List<string>();
        if (WeekendsOff)
        {
            off.Add(chinese ? "周末" : "weekends");
        }

        if (HolidaysOff)
        {
            off.Add(chinese ? "法定节假日" : "public holidays");
        }

        if (off.Count > 0)
        {
            lines.Add(chinese ? $"{string.Join("、", off)}不可用" : $"Not usable on {string.Join(" or ", off)}");
        }

        if (UnusableDates.Count > 0)
        {
            var dates = string.Join(chinese ? "、" : ", ", UnusableDates.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            lines.Add(chinese ? $"{dates} 不可用" : $"Not usable on {dates}");
        }

        if (HasHours)
        {
            lines.Add(chinese
                ? $"{UsableFrom:HH\\:mm}–{(HoursCrossMidnight ? "次日" : "")}{UsableUntil:HH\\:mm} 可用"
                : $"Usable {HoursText}{(HoursCrossMidnight ? " (next day)" : "")}");
        }

        if (PerVisitLimit is { } limit)
        {
            lines.Add(chinese ? $"每桌限用 {limit} 张" : $"At most {limit} per table/visit");
        }

        if (BookingRequired)
        {
            var note = string.IsNullOrWhiteSpace(BookingNote) ? "" : (chinese ? $"：{BookingNote}" : $": {BookingNote}");
            lines.Add(chinese ? $"需预约{note}" : $"Booking required{note}");
        }

        return lines;
    }
}

/// <summary>How deals and vouchers store their rules: one JSON column, "{}" when nothing is restricted (the default for rows made before rules existed).</summary>
public static class ValidityRulesJson
{
    public const int MaxLength = 4000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public static readonly ValueConverter<ValidityRules, string> Converter =
        new(rules => Write(rules), json => Read(json));

    public static string Write(ValidityRules rules) => JsonSerializer.Serialize(rules, Options);

    public static ValidityRules Read(string json) => JsonSerializer.Deserialize<ValidityRules>(json, Options) ?? ValidityRules.None;
}
