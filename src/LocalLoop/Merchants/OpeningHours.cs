using System.Globalization;

namespace LocalLoop.Merchants;

/// <summary>One opening period of a store on a day of the week. Closing at or before opening means it runs past midnight.</summary>
public sealed class StoreHours : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid StoreId { get; set; }
    public Guid MerchantId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly OpensAt { get; set; }
    public TimeOnly ClosesAt { get; set; }
}

/// <summary>A date on which a store keeps other hours than its week (a holiday): closed all day, or open for the given period.</summary>
public sealed class StoreHoursException : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid StoreId { get; set; }
    public Guid MerchantId { get; set; }
    public DateOnly Date { get; set; }
    public bool Closed { get; set; }
    public TimeOnly? OpensAt { get; set; }
    public TimeOnly? ClosesAt { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>A store's week plus its exceptions, read in the store's time zone.</summary>
public sealed record OpeningHours(IReadOnlyList<OpeningHours.Period> Week, IReadOnlyList<OpeningHours.DateException> Exceptions, string TimeZoneId)
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";
    private const int MinutesPerDay = 24 * 60;
    private const int MinutesPerWeek = 7 * MinutesPerDay;

    /// <summary>
    /// A period of one business day. Closing at or before opening runs past midnight into the next day;
    /// 00:00–00:00 is open around the clock.
    /// </summary>
    public sealed record Period(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
    {
        public bool CrossesMidnight => Closes <= Opens;

        /// <summary>Minutes open: up to 24 hours.</summary>
        public int Length => CrossesMidnight ? MinutesPerDay - Minutes(Opens) + Minutes(Closes) : Minutes(Closes) - Minutes(Opens);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Opens:HH:mm}–{Closes:HH:mm}");
    }

    public sealed record DateException(DateOnly Date, bool Closed, TimeOnly? Opens, TimeOnly? Closes, string Note = "");

    public static OpeningHours For(Store store, IEnumerable<StoreHours> week, IEnumerable<StoreHoursException> exceptions) =>
        new(week.Where(h => h.StoreId == store.Id).OrderBy(h => h.Day).ThenBy(h => h.OpensAt).Select(h => new Period(h.Day, h.OpensAt, h.ClosesAt)).ToList(),
            exceptions.Where(e => e.StoreId == store.Id).OrderBy(e => e.Date).Select(e => new DateException(e.Date, e.Closed, e.OpensAt, e.ClosesAt, e.Note)).ToList(),
            store.TimeZoneId);

    /// <summary>The store's local date and time at an instant.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, FindTimeZone(TimeZoneId)).DateTime;

    public bool IsOpenAt(DateTimeOffset instant) => OpenPeriodAt(instant) is not null;

    /// <summary>The period the store is in at an instant (it may have begun the day before), or null when closed.</summary>
    public (DateOnly Date, Period Period)? OpenPeriodAt(DateTimeOffset instant)
    {
        var local = LocalTime(instant);
        var today = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        // A period that began yesterday and runs past midnight still counts this morning.
        foreach (var period in PeriodsOn(today.AddDays(-1)).Where(p => p.CrossesMidnight && time < p.Closes))
        {
            return (today.AddDays(-1), period);
        }

        foreach (var period in PeriodsOn(today).Where(p => p.Opens <= time && (p.CrossesMidnight || time < p.Closes)))
        {
            return (today, period);
        }

        return null;
    }

    /// <summary>When the store next opens after an instant (local date and time), looking a fortnight ahead; null if it never does.</summary>
    public DateTime? NextOpeningAfter(DateTimeOffset instant)
    {
        var local = LocalTime(instant);
        var today = DateOnly.FromDateTime(local);
        for (var day = 0; day <= 14; day++)
        {
            var date = today.AddDays(day);
            var next = PeriodsOn(date).Select(p => date.ToDateTime(p.Opens)).Where(start => start > local).Order().FirstOrDefault();
            if (next != default)
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>The periods a store keeps on a local date: its exception for that date if it has one, else its week.</summary>
    public IEnumerable<Period> PeriodsOn(DateOnly date)
    {
        var exception = ExceptionOn(date);
        if (exception is not null)
        {
            return exception.Closed || exception.Opens is null || exception.Closes is null
                ? []
                : [new Period(date.DayOfWeek, exception.Opens.Value, exception.Closes.Value)];
        }

        return Week.Where(p => p.Day == date.DayOfWeek).OrderBy(p => p.Opens);
    }

    public DateException? ExceptionOn(DateOnly date) => Exceptions.FirstOrDefault(e => e.Date == date);

    /// <summary>
    /// The first two periods of a week that overlap, or null. Periods are laid on a circular week of minutes, so a
    /// period running past midnight collides with the next day's early period, and Sunday night with Monday morning.
    /// </summary>
    public static (Period First, Period Second)? FindOverlap(IReadOnlyList<Period> week)
    {
        for (var i = 0; i < week.Count; i++)
        {
            for (var j = i + 1; j < week.Count; j++)
            {
                if (Overlaps(week[i], week[j]))
                {
                    return (week[i], week[j]);
                }
            }
        }

        return null;
    }

    public static bool IsKnownTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return false;
        }

        // Only IANA ids ("Asia/Shanghai"), not Windows names, so every node reads the same zone.
        return zone.HasIanaId || id == "UTC";
    }

    private static TimeZoneInfo FindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);

    private static bool Overlaps(Period a, Period b)
    {
        var aStart = Start(a);
        var bStart = Start(b);
        // Compare b shifted by a week either way so that periods wrapping past Sunday midnight meet Monday's.
        return new[] { -MinutesPerWeek, 0, MinutesPerWeek }.Any(shift => aStart < bStart + shift + b.Length && bStart + shift < aStart + a.Length);
    }

    private static int Start(Period p) => (int)p.Day * MinutesPerDay + Minutes(p.Opens);

    private static int Minutes(TimeOnly time) => time.Hour * 60 + time.Minute;
}
