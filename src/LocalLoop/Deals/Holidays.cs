using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Deals;

/// <summary>A statutory public holiday day (法定节假日) in mainland China: deals with "holidays off" cannot be used on it. Kept current by operators.</summary>
public sealed class Holiday
{
    public DateOnly Date { get; set; }
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
}

/// <summary>The holidays around an instant, as the validity rules need them.</summary>
public sealed class HolidayCalendar(IEnumerable<Holiday> holidays)
{
    private readonly Dictionary<DateOnly, Holiday> _byDate = holidays.ToDictionary(h => h.Date);

    public static readonly HolidayCalendar Empty = new([]);

    public Holiday? Find(DateOnly day) => _byDate.GetValueOrDefault(day);

    /// <summary>The holidays a use at this instant can fall on: its local date and the day before (after-midnight hours count for the day before).</summary>
    public static async Task<HolidayCalendar> AroundAsync(AppDbContext db, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(ValidityRules.Local(now).DateTime);
        var yesterday = today.AddDays(-1);
        return new(await db.Holidays.AsNoTracking().Where(h => h.Date == today || h.Date == yesterday).ToListAsync());
    }
}

public sealed record HolidayRequest(string? Date, string? NameZh, string? NameEn);

/// <summary>Admins keep the holiday calendar current: the State Council publishes next year's holidays each autumn.</summary>
public sealed class HolidayAdmin(AppDbContext db)
{
    public Task<List<Holiday>> ListAsync(int? year) => db.Holidays.AsNoTracking()
        .Where(h => year == null || (h.Date >= new DateOnly(year.Value, 1, 1) && h.Date <= new DateOnly(year.Value, 12, 31)))
        .OrderBy(h => h.Date).ToListAsync();

    public async Task<Holiday> AddAsync(HolidayRequest request)
    {
        var errors = new Validation();
        var date = default(DateOnly);
        errors.Check(nameof(request.Date), TryParseDate(request.Date, out date), "Date must be a date like 2027-01-01.", "日期格式应为 2027-01-01。");
        errors.Required(nameof(request.NameZh), request.NameZh, 50, "Chinese name", "中文名称");
        errors.Required(nameof(request.NameEn), request.NameEn, 50, "English name", "英文名称");
        errors.ThrowIfAny();

        if (await db.Holidays.AnyAsync(h => h.Date == date))
        {
            throw DomainException.Conflict("holiday_exists", $"{request.Date} is already a holiday.", $"{request.Date} 已是节假日。");
        }

        var holiday = new Holiday { Date = date, NameZh = request.NameZh!.Trim(), NameEn = request.NameEn!.Trim() };
        db.Holidays.Add(holiday);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two admins added the same day at once: the primary key let one in.
            throw DomainException.Conflict("holiday_exists", $"{request.Date} is already a holiday.", $"{request.Date} 已是节假日。");
        }

        return holiday;
    }

    public async Task RemoveAsync(string date)
    {
        if (!TryParseDate(date, out var day))
        {
            throw Validation.Single("date", "Date must be a date like 2027-01-01.", "日期格式应为 2027-01-01。");
        }

        if (await db.Holidays.Where(h => h.Date == day).ExecuteDeleteAsync() == 0)
        {
            throw DomainException.NotFound("Holiday", "节假日");
        }
    }

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact((value ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

public static class HolidayEndpoints
{
    public static void MapHolidayEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/holidays").WithTags("Operations").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async (int? year, HolidayAdmin holidays) => TypedResults.Ok(await holidays.ListAsync(year)));
        admin.MapPost("/", async (HolidayRequest request, HolidayAdmin holidays) =>
        {
            var holiday = await holidays.AddAsync(request);
            return TypedResults.Created($"/api/admin/holidays/{holiday.Date:yyyy-MM-dd}", holiday);
        });
        admin.MapDelete("/{date}", async (string date, HolidayAdmin holidays) =>
        {
            await holidays.RemoveAsync(date);
            return TypedResults.NoContent();
        });
    }
}
