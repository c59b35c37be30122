using System.Globalization;
using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <param name="Day">English day name: Monday … Sunday.</param>
/// <param name="Opens">HH:mm.</param>
/// <param name="Closes">HH:mm; at or before Opens runs past midnight; 00:00–00:00 is around the clock.</param>
public sealed record PeriodRequest(string Day, string Opens, string Closes);

public sealed record WeeklyHoursRequest(List<PeriodRequest> Periods);

/// <param name="Date">yyyy-MM-dd, the store's local date.</param>
public sealed record HoursExceptionRequest(string Date, bool Closed, string? Opens, string? Closes, string? Note);

public sealed record PeriodView(string Day, string Opens, string Closes)
{
    public static PeriodView From(OpeningHours.Period p) =>
        new(p.Day.ToString(), p.Opens.ToString("HH:mm", CultureInfo.InvariantCulture), p.Closes.ToString("HH:mm", CultureInfo.InvariantCulture));
}

public sealed record HoursExceptionView(string Date, bool Closed, string? Opens, string? Closes, string Note)
{
    public static HoursExceptionView From(OpeningHours.DateException e) =>
        new(e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Closed,
            e.Opens?.ToString("HH:mm", CultureInfo.InvariantCulture), e.Closes?.ToString("HH:mm", CultureInfo.InvariantCulture), e.Note);
}

/// <summary>A store's weekly hours and its date exceptions (holidays), as the owner or manager sets them.</summary>
public sealed class StoreHoursManagement(AppDbContext db, TimeProvider clock, SearchIndex searchIndex)
{
    public const int MaxPeriodsPerDay = 4;

    /// <summary>Replaces the store's whole week. Overlapping periods (also yesterday's late period running into today) are refused.</summary>
    public async Task<OpeningHours> SetWeekAsync(Guid merchantId, Guid storeId, WeeklyHoursRequest request)
    {
        var store = await OwnStoreAsync(merchantId, storeId);
        var errors = new Validation();
        var periods = new List<OpeningHours.Period>();
        foreach (var (item, index) in (request.Periods ?? []).Select((p, i) => (p, i)))
        {
            var field = $"Periods[{index}]";
            var dayOk = Enum.TryParse<DayOfWeek>(item.Day?.Trim(), true, out var day) && Enum.IsDefined(day) && !int.TryParse(item.Day, out _);
            var opens = ParseTime(item.Opens);
            var closes = ParseTime(item.Closes);
            errors.Check(field, dayOk, "Day must be Monday … Sunday.", "星期须为 Monday … Sunday。");
            errors.Check(field, opens is not null && closes is not null, "Times must look like 09:00.", "时间请按 09:00 的格式填写。");
            errors.Check(field, opens is null || closes is null || IsValidPeriod(opens.Value, closes.Value),
                "Opening and closing times must differ (00:00–00:00 means around the clock).", "开门时间和关门时间不能相同（00:00–00:00 表示全天营业）。");
            if (dayOk && opens is not null && closes is not null)
            {
                periods.Add(new OpeningHours.Period(day, opens.Value, closes.Value));
            }
        }

        errors.Check(nameof(request.Periods), periods.GroupBy(p => p.Day).All(g => g.Count() <= MaxPeriodsPerDay),
            $"At most {MaxPeriodsPerDay} periods a day.", $"每天最多 {MaxPeriodsPerDay} 个营业时段。");
        errors.ThrowIfAny();
        if (OpeningHours.FindOverlap(periods) is var (first, second))
        {
            throw Validation.Single(nameof(request.Periods),
                $"Hours overlap: {first.Day} {first} and {second.Day} {second}.",
                $"营业时段重叠：{DayZh(first.Day)} {first} 与 {DayZh(second.Day)} {second}。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.StoreHours.Where(h => h.StoreId == store.Id).ExecuteDeleteAsync();
        db.StoreHours.AddRange(periods.Select(p => new StoreHours
        {
            Id = Guid.CreateVersion7(), StoreId = store.Id, MerchantId = merchantId, Day = p.Day, OpensAt = p.Opens, ClosesAt = p.Closes,
        }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
        return await HoursOfAsync(store);
    }

    /// <summary>Sets (or replaces) the store's exception for one local date: closed all day, or one special period.</summary>
    public async Task<OpeningHours> SetExceptionAsync(Guid merchantId, Guid storeId, HoursExceptionRequest request)
    {
        var store = await OwnStoreAsync(merchantId, storeId);
        var today = DateOnly.FromDateTime(new OpeningHours([], [], store.TimeZoneId).LocalTime(clock.GetUtcNow()));
        var errors = new Validation();
        var date = ParseDate(request.Date);
        errors.Check(nameof(request.Date), date is not null, "Date must look like 2027-02-06.", "日期请按 2027-02-06 的格式填写。");
        errors.Check(nameof(request.Date), date is null || (date >= today && date <= today.AddYears(2)),
            "The date must be today or later, within two years.", "日期须为今天或以后，且在两年之内。");
        var opens = ParseTime(request.Opens);
        var closes = ParseTime(request.Closes);
        if (!request.Closed)
        {
            errors.Check(nameof(request.Opens), opens is not null && closes is not null,
                "Give the special hours (like 10:00 and 16:00), or mark the day closed.", "请填写特别营业时间（例如 10:00 和 16:00），或设为全天休息。");
            errors.Check(nameof(request.Closes), opens is null || closes is null || IsValidPeriod(opens.Value, closes.Value),
                "Opening and closing times must differ.", "开门时间和关门时间不能相同。");
        }

        errors.Check(nameof(request.Note), (request.Note ?? "").Trim().Length <= 100, "The note must be at most 100 characters.", "备注不能超过 100 个字符。");
        errors.ThrowIfAny();

        var exception = await db.StoreHoursExceptions.SingleOrDefaultAsync(e => e.StoreId == store.Id && e.Date == date!.Value);
        if (exception is null)
        {
            exception = new StoreHoursException { Id = Guid.CreateVersion7(), StoreId = store.Id, MerchantId = merchantId, Date = date!.Value };
            db.StoreHoursExceptions.Add(exception);
        }

        exception.Closed = request.Closed;
        exception.OpensAt = request.Closed ? null : opens;
        exception.ClosesAt = request.Closed ? null : closes;
        exception.Note = (request.Note ?? "").Trim();
        await db.SaveChangesAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
        return await HoursOfAsync(store);
    }

    public async Task<OpeningHours> RemoveExceptionAsync(Guid merchantId, Guid storeId, string date)
    {
        var store = await OwnStoreAsync(merchantId, storeId);
        var parsed = ParseDate(date) ?? throw Validation.Single("date", "Date must look like 2027-02-06.", "日期请按 2027-02-06 的格式填写。");
        await db.StoreHoursExceptions.Where(e => e.StoreId == store.Id && e.Date == parsed).ExecuteDeleteAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
        return await HoursOfAsync(store);
    }

    public async Task<OpeningHours> HoursAsync(Guid merchantId, Guid storeId) => await HoursOfAsync(await OwnStoreAsync(merchantId, storeId));

    internal static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>Opening and closing must differ, except 00:00–00:00 which is open around the clock.</summary>
    internal static bool IsValidPeriod(TimeOnly opens, TimeOnly closes) => opens != closes || opens == TimeOnly.MinValue;

    internal static string DayZh(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "周一",
        DayOfWeek.Tuesday => "周二",
        DayOfWeek.Wednesday => "周三",
        DayOfWeek.Thursday => "周四",
        DayOfWeek.Friday => "周五",
        DayOfWeek.Saturday => "周六",
        _ => "周日",
    };

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private async Task<Store> OwnStoreAsync(Guid merchantId, Guid storeId) =>
        await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId && s.MerchantId == merchantId)
        ?? throw DomainException.NotFound("Store", "门店");

    private async Task<OpeningHours> HoursOfAsync(Store store) =>
        OpeningHours.For(store, await db.StoreHours.AsNoTracking().Where(h => h.StoreId == store.Id).ToListAsync(),
            await db.StoreHoursExceptions.AsNoTracking().Where(e => e.StoreId == store.Id).ToListAsync());
}
