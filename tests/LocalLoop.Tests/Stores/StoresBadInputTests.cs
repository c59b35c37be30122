using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static LocalLoop.Tests.Stores.StoreHoursSteps;

namespace LocalLoop.Tests.Stores;

/// <summary>Bad store details, hours and exceptions are refused with a 400 naming the problem (in Chinese too), and nothing changes.</summary>
public sealed class StoresBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string> BadWeeks => Cases.OnEachDatabase(
        "overlap same day", "yesterday past midnight into today", "sunday night into monday", "unknown day", "bad time", "equal times", "five periods a day");

    [Theory]
    [MemberData(nameof(BadWeeks))]
    public async Task A_bad_week_is_refused_and_the_old_hours_stay(string database, string badness)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var (periods, expected) = badness switch
        {
            "overlap same day" => (new[] { P("Monday", "10:00", "14:00"), P("Monday", "13:30", "20:00") }, "overlap"),
            "yesterday past midnight into today" => ([P("Friday", "18:00", "03:00"), P("Saturday", "02:00", "12:00")], "overlap"),
            "sunday night into monday" => ([P("Sunday", "22:00", "06:00"), P("Monday", "05:00", "12:00")], "overlap"),
            "unknown day" => ([P("Funday", "10:00", "14:00")], "Day must be"),
            "bad time" => ([P("Monday", "10:00", "24:30")], "Times must look like"),
            "equal times" => ([P("Monday", "10:00", "10:00")], "must differ"),
            "five periods a day" => ([P("Monday", "06:00", "07:00"), P("Monday", "08:00", "09:00"), P("Monday", "10:00", "11:00"), P("Monday", "12:00", "13:00"), P("Monday", "14:00", "15:00")], "At most"),
            _ => throw new ArgumentOutOfRangeException(nameof(badness), badness, null),
        };

        var response = await merchant.Owner.PutAsJsonAsync($"/api/merchant/stores/{merchant.HonouringStoreId}/hours", new WeeklyHoursRequest(periods.ToList()));
        var body = await response.Content.ReadAsStringAsync();
        var detail = await Task.FromResult(response).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains(expected, StringComparison.OrdinalIgnoreCase).ShouldBeTrue($"the message says what is wrong ({expected}): {detail}");
        body.Contains("errorsZh", StringComparison.Ordinal).ShouldBeTrue("the refusal has Chinese text");
        (await app.WithDbAsync(db => db.StoreHours.CountAsync(h => h.StoreId == merchant.HonouringStoreId))).ShouldBe(7, "the daily hours the store was created with stay");
    }

    public static TheoryData<string, string> BadDetails => Cases.OnEachDatabase(
        "latitude 91", "longitude -181", "unknown time zone", "windows time zone name", "radius 0", "radius 51", "phone abc");

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_store_details_are_refused_and_the_store_is_unchanged(string database, string badness)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var good = new StoreDetailsRequest("人民广场店", "上海", "上海市黄浦区南京东路1号", Scenario.Latitude, Scenario.Longitude, "021-63218888", "Asia/Shanghai", 5);
        var (request, expected) = badness switch
        {
            "latitude 91" => (good with { Latitude = 91 }, "Latitude"),
            "longitude -181" => (good with { Longitude = -181 }, "longitude"),
            "unknown time zone" => (good with { TimeZoneId = "Asia/Atlantis" }, "time zone"),
            "windows time zone name" => (good with { TimeZoneId = "China Standard Time" }, "time zone"),
            "radius 0" => (good with { ServiceRadiusKm = 0 }, "Service radius"),
            "radius 51" => (good with { ServiceRadiusKm = 51 }, "Service radius"),
            "phone abc" => (good with { Phone = "abc" }, "phone"),
            _ => throw new ArgumentOutOfRangeException(nameof(badness), badness, null),
        };

        var detail = await merchant.Owner.PutAsJsonAsync($"/api/merchant/stores/{merchant.HonouringStoreId}", request).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains(expected, StringComparison.Ordinal).ShouldBeTrue($"the message names what is wrong ({expected}): {detail}");
        var store = await app.WithDbAsync(db => db.Stores.SingleAsync(s => s.Id == merchant.HonouringStoreId));
        (store.Latitude, store.Longitude, store.TimeZoneId, store.ServiceRadiusKm).ShouldBe((Scenario.Latitude, Scenario.Longitude, "Asia/Shanghai", 5.0));
    }

    public static TheoryData<string, string> BadExceptions => Cases.OnEachDatabase(
        "date not a date", "date 2027-02-30", "date yesterday", "date in three years", "open without hours", "equal special hours", "note too long");

    [Theory]
    [MemberData(nameof(BadExceptions))]
    public async Task A_bad_exception_is_refused_and_none_is_saved(string database, string badness)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var tomorrow = Date(LocalNow(app).AddDays(1));
        var (request, expected) = badness switch
        {
            "date not a date" => (new HoursExceptionRequest("春节", true, null, null, null), "Date must look like"),
            "date 2027-02-30" => (new HoursExceptionRequest("2027-02-30", true, null, null, null), "Date must look like"),
            "date yesterday" => (new HoursExceptionRequest(Date(LocalNow(app).AddDays(-1)), true, null, null, null), "today or later"),
            "date in three years" => (new HoursExceptionRequest(Date(LocalNow(app).AddYears(3)), true, null, null, null), "within two years"),
            "open without hours" => (new HoursExceptionRequest(tomorrow, false, null, null, "special"), "special hours"),
            "equal special hours" => (new HoursExceptionRequest(tomorrow, false, "12:00", "12:00", null), "must differ"),
            "note too long" => (new HoursExceptionRequest(tomorrow, true, null, null, new string('节', 101)), "at most 100"),
            _ => throw new ArgumentOutOfRangeException(nameof(badness), badness, null),
        };

        var detail = await merchant.Owner.PutAsJsonAsync($"/api/merchant/stores/{merchant.HonouringStoreId}/exceptions", request).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains(expected, StringComparison.Ordinal).ShouldBeTrue($"the message says what is wrong ({expected}): {detail}");
        (await app.WithDbAsync(db => db.StoreHoursExceptions.CountAsync(e => e.StoreId == merchant.HonouringStoreId))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_position_outside_the_globe_is_refused_by_the_nearest_store_query(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        await app.Anonymous().GetAsync($"/api/merchants/{merchant.MerchantId}/nearest-store?lat=95&lng=121").ShouldBeProblemAsync(400, "invalid_coordinates");
        await app.Anonymous().GetAsync($"/api/merchants/{merchant.MerchantId}/nearest-store?lat=31").ShouldBeProblemAsync(400);
    }

    private static PeriodRequest P(string day, string opens, string closes) => new(day, opens, closes);
}
