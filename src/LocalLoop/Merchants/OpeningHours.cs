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

    public sealed record Period(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
    {
        public bool CrossesMidnight => Closes <= Opens;
    }

    public sealed record DateException(DateOnly Date, bool Closed, TimeOnly? Opens, TimeOnly? Closes);

    public static OpeningHours For(Store store, IEnumerable<StoreHours> week, IEnumerable<StoreHoursException> exceptions) =>
        new(week.Where(h => h.StoreId == store.Id).Select(h => new Period(h.Day, h.OpensAt, h.ClosesAt)).ToList(),
            exceptions.Where(e => e.StoreId == store.Id).Select(e => new DateException(e.Date, e.Closed, e.OpensAt, e.ClosesAt)).ToList(),
            store.TimeZoneId);

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        // A period that began yesterday and runs past midnight still counts this morning.
        return PeriodsOn(today).Any(p => p.Opens <= time && (p.CrossesMidnight || time < p.Closes)) ||
               PeriodsOn(today.AddDays(-1)).Any(p => p.CrossesMidnight && time < p.Closes);
    }

    /// <summary>The periods a store keeps on a local date: its exception for that date if it has one, else its week.</summary>
    public IEnumerable<Period> PeriodsOn(DateOnly date)
    {
        var exception = Exceptions.FirstOrDefault(e => e.Date == date);
        if (exception is not null)
        {
            return exception.Closed || exception.Opens is null || exception.Closes is null
                ? []
                : [new Period(date.DayOfWeek, exception.Opens.Value, exception.Closes.Value)];
        }

        return Week.Where(p => p.Day == date.DayOfWeek);
    }
}
