using System.Globalization;
using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;

namespace LocalLoop.Tests.Stores;

/// <summary>What an owner does to a store's hours, through the API, for the stores tests.</summary>
internal static class StoreHoursSteps
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The app's "now" in Shanghai, to the minute.</summary>
    public static DateTime LocalNow(TestApp app)
    {
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Shanghai).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }

    public static string Hm(DateTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The same period every day of the week.</summary>
    public static WeeklyHoursRequest EveryDay(string opens, string closes) =>
        new(Enum.GetValues<DayOfWeek>().Select(d => new PeriodRequest(d.ToString(), opens, closes)).ToList());

    /// <summary>Every day from an hour before the app's now until two hours after it: open now.</summary>
    public static WeeklyHoursRequest OpenAroundNow(TestApp app) => EveryDay(Hm(LocalNow(app).AddHours(-1)), Hm(LocalNow(app).AddHours(2)));

    /// <summary>Every day from two to three hours after the app's now: closed now.</summary>
    public static WeeklyHoursRequest ClosedNow(TestApp app) => EveryDay(Hm(LocalNow(app).AddHours(2)), Hm(LocalNow(app).AddHours(3)));

    public static Task<StoreSetupView> SetWeekAsync(HttpClient owner, Guid storeId, WeeklyHoursRequest week) =>
        owner.PutAsJsonAsync($"/api/merchant/stores/{storeId}/hours", week).ShouldReturnAsync<StoreSetupView>();

    public static Task<StoreSetupView> SetExceptionAsync(HttpClient owner, Guid storeId, HoursExceptionRequest exception) =>
        owner.PutAsJsonAsync($"/api/merchant/stores/{storeId}/exceptions", exception).ShouldReturnAsync<StoreSetupView>();

    public static string Date(DateTime local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
