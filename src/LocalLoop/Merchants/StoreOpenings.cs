using System.Globalization;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record WeekDayView(string Day, List<PeriodView> Periods);

/// <summary>Whether a store is open at a moment, with what a consumer needs to plan a visit.</summary>
/// <param name="ClosesAt">While open: when the current period ends (local time).</param>
/// <param name="NextOpening">While closed: when it opens next (local date and time), if within a fortnight.</param>
/// <param name="Today">The periods of the store's local today.</param>
/// <param name="Week">Monday first: each day of the regular week with its periods.</param>
/// <param name="Upcoming">Exceptions from today on.</param>
public sealed record OpenState(bool OpenNow, string? ClosesAt, DateTime? NextOpening, DateOnly LocalToday, List<PeriodView> Today,
    List<WeekDayView> Week, List<HoursExceptionView> Upcoming, string TimeZoneId)
{
    public static OpenState Of(OpeningHours hours, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(hours.LocalTime(now));
        var open = hours.OpenPeriodAt(now);
        var week = Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7))
            .Select(day => new WeekDayView(day.ToString(), hours.Week.Where(p => p.Day == day).OrderBy(p => p.Opens).Select(PeriodView.From).ToList())).ToList();
        return new OpenState(open is not null, open?.Period.Closes.ToString("HH:mm", CultureInfo.InvariantCulture),
            open is null ? hours.NextOpeningAfter(now) : null, today, hours.PeriodsOn(today).Select(PeriodView.From).ToList(), week,
            hours.Exceptions.Where(e => e.Date >= today).OrderBy(e => e.Date).Select(HoursExceptionView.From).ToList(), hours.TimeZoneId);
    }
}

/// <summary>
/// Opening hours read for consumers and other capabilities (search, delivery, pickup): "open now" for many stores in
/// three queries whatever their number, evaluated in each store's own time zone.
/// </summary>
public sealed class StoreOpenings(AppDbContext db, TimeProvider clock)
{
    /// <summary>The ids among <paramref name="storeIds"/> of the stores open at this moment.</summary>
    public async Task<HashSet<Guid>> IsOpenNowAsync(IReadOnlyCollection<Guid> storeIds)
    {
        var now = clock.GetUtcNow();
        var hours = await HoursAsync(storeIds, now);
        return hours.Where(h => h.Value.IsOpenAt(now)).Select(h => h.Key).ToHashSet();
    }

    public async Task<OpenState?> StateAsync(Guid storeId)
    {
        var now = clock.GetUtcNow();
        var hours = await HoursAsync([storeId], now, upcomingDays: 60);
        return hours.TryGetValue(storeId, out var found) ? OpenState.Of(found, now) : null;
    }

    /// <summary>
    /// The hours of the given stores, with the exceptions that matter around <paramref name="now"/>: from the day before
    /// (a late period may run into today) up to <paramref name="upcomingDays"/> ahead.
    /// </summary>
    public async Task<Dictionary<Guid, OpeningHours>> HoursAsync(IReadOnlyCollection<Guid> storeIds, DateTimeOffset now, int upcomingDays = 1)
    {
        if (storeIds.Count == 0)
        {
            return [];
        }

        var ids = storeIds.Distinct().ToList();
        // Local dates differ from UTC's by at most 14 hours: a day either side covers every zone.
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var from = utcToday.AddDays(-2);
        var to = utcToday.AddDays(upcomingDays + 1);
        var stores = await db.Stores.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync();
        var week = await db.StoreHours.IgnoreQueryFilters().AsNoTracking().Where(h => ids.Contains(h.StoreId)).ToListAsync();
        var exceptions = await db.StoreHoursExceptions.IgnoreQueryFilters().AsNoTracking()
            .Where(e => ids.Contains(e.StoreId) && e.Date >= from && e.Date <= to).ToListAsync();
        var weekByStore = week.ToLookup(h => h.StoreId);
        var exceptionsByStore = exceptions.ToLookup(e => e.StoreId);
        return stores.ToDictionary(s => s.Id, s => OpeningHours.For(s, weekByStore[s.Id], exceptionsByStore[s.Id]));
    }
}
