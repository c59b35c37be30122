using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>One store's set-up: details, the weekly hours (several periods a day) and holiday exceptions.</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class StoreSetupModel(StoreManagement stores, StoreHoursManagement hours, CurrentUser user, Text text) : PageModel
{
    public Store Store { get; private set; } = null!;

    public OpeningHours Hours { get; private set; } = null!;

    [BindProperty]
    public StoreDetailsInput Details { get; set; } = new();

    /// <summary>Per day (Monday first): the periods as "10:00-14:00, 17:00-22:00".</summary>
    [BindProperty]
    public Dictionary<DayOfWeek, string?> Week { get; set; } = [];

    [BindProperty]
    public ExceptionInput Exception { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public static IEnumerable<DayOfWeek> Days => Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7));

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        return Page();
    }

    public Task<IActionResult> OnPostDetailsAsync(Guid id) => SaveAsync(id, "Details", () =>
    {
        var latitudeOk = double.TryParse(Details.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude);
        var longitudeOk = double.TryParse(Details.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude);
        var radiusOk = double.TryParse(Details.ServiceRadiusKm, NumberStyles.Float, CultureInfo.InvariantCulture, out var radius);
        if (!latitudeOk || !longitudeOk || !radiusOk)
        {
            throw Validation.Single(!latitudeOk ? "Latitude" : !longitudeOk ? "Longitude" : "ServiceRadiusKm",
                "Enter a number such as 31.2304.", "请输入数字，例如 31.2304。");
        }

        return stores.EditStoreAsync(user.RequiredMerchantId, id, new StoreDetailsRequest(Details.Name ?? "", Details.City ?? "", Details.Address ?? "",
            latitude, longitude, Details.Phone ?? "", Details.TimeZoneId ?? "", radius));
    });

    public Task<IActionResult> OnPostWeekAsync(Guid id) => SaveAsync(id, "Week", () =>
    {
        var periods = new List<PeriodRequest>();
        foreach (var day in Days)
        {
            foreach (var part in (Week.GetValueOrDefault(day) ?? "").Split([',', '，', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var times = part.Split(['-', '–', '~'], StringSplitOptions.TrimEntries);
                if (times.Length != 2)
                {
                    throw Validation.Single($"Week[{day}]", "Write periods like 10:00-14:00, separated by commas.", "请按 10:00-14:00 的格式填写时段，多个时段用逗号分隔。");
                }

                periods.Add(new PeriodRequest(day.ToString(), times[0], times[1]));
            }
        }

        return hours.SetWeekAsync(user.RequiredMerchantId, id, new WeeklyHoursRequest(periods));
    });

    public Task<IActionResult> OnPostExceptionAsync(Guid id) => SaveAsync(id, "Exception", () =>
        hours.SetExceptionAsync(user.RequiredMerchantId, id,
            new HoursExceptionRequest(Exception.Date ?? "", Exception.Closed, Exception.Opens, Exception.Closes, Exception.Note)));

    public Task<IActionResult> OnPostRemoveExceptionAsync(Guid id, string date) => SaveAsync(id, "", () =>
        hours.RemoveExceptionAsync(user.RequiredMerchantId, id, date));

    private async Task<IActionResult> SaveAsync(Guid id, string prefix, Func<Task> save)
    {
        try
        {
            await save();
            Saved = text["stores.setup.saved"];
            return RedirectToPage(new { id });
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, prefix);
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await stores.StoreAsync(user.RequiredMerchantId, id) is not { } store)
        {
            return false;
        }

        Store = store;
        Hours = await hours.HoursAsync(user.RequiredMerchantId, id);
        // Forms not posted show what is saved.
        if (Details.Name is null)
        {
            Details = StoreDetailsInput.From(store);
        }

        if (Week.Count == 0)
        {
            Week = Days.ToDictionary(day => day, day => (string?)string.Join(", ", Hours.Week.Where(p => p.Day == day).Select(p => p.ToString().Replace('–', '-'))));
        }

        return true;
    }
}

public sealed class StoreDetailsInput
{
    public string? Name { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Phone { get; set; }
    public string? TimeZoneId { get; set; }
    public string? ServiceRadiusKm { get; set; }

    public static StoreDetailsInput From(Store s) => new()
    {
        Name = s.Name, City = s.City, Address = s.Address, Phone = s.Phone, TimeZoneId = s.TimeZoneId,
        Latitude = s.Latitude.ToString("0.######", CultureInfo.InvariantCulture), Longitude = s.Longitude.ToString("0.######", CultureInfo.InvariantCulture),
        ServiceRadiusKm = s.ServiceRadiusKm.ToString("0.##", CultureInfo.InvariantCulture),
    };
}

public sealed class ExceptionInput
{
    public string? Date { get; set; }
    public bool Closed { get; set; } = true;
    public string? Opens { get; set; }
    public string? Closes { get; set; }
    public string? Note { get; set; }
}
