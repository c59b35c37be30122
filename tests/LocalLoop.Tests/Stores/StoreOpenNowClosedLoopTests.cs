using System.Net.Http.Json;
using LocalLoop.Discovery;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static LocalLoop.Tests.Stores.StoreHoursSteps;

namespace LocalLoop.Tests.Stores;

/// <summary>
/// The owner sets the week and a holiday; the consumer's store page (and the API, and the service other capabilities
/// call) shows open or closed by the app's clock, read in the store's time zone.
/// </summary>
public sealed class StoreOpenNowClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_store_page_shows_open_now_then_closed_when_the_clock_passes_closing_time(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var week = OpenAroundNow(app);
        await SetWeekAsync(merchant.Owner, merchant.HonouringStoreId, week);

        var page = await app.Anonymous().GetStringAsync($"/stores/{merchant.HonouringStoreId}");
        page.Contains("data-open=\"true\"", StringComparison.Ordinal).ShouldBeTrue("the page shows the store open now");
        page.Contains("营业中", StringComparison.Ordinal).ShouldBeTrue();
        page.Contains($"{week.Periods[0].Closes} 打烊", StringComparison.Ordinal).ShouldBeTrue("the page says when it closes");
        page.Contains($"{week.Periods[0].Opens}–{week.Periods[0].Closes}", StringComparison.Ordinal).ShouldBeTrue("today's hours are shown");
        (await app.Anonymous().GetFromJsonAsync<StoreDetails>($"/api/stores/{merchant.HonouringStoreId}"))!.Hours.OpenNow.ShouldBe(true);

        app.Clock.Advance(TimeSpan.FromHours(3));

        page = await app.Anonymous().GetStringAsync($"/stores/{merchant.HonouringStoreId}");
        page.Contains("data-open=\"false\"", StringComparison.Ordinal).ShouldBeTrue("three hours later it has closed");
        page.Contains("休息中", StringComparison.Ordinal).ShouldBeTrue();
        page.Contains("开门", StringComparison.Ordinal).ShouldBeTrue("the page says when it opens next");
        var details = (await app.Anonymous().GetFromJsonAsync<StoreDetails>($"/api/stores/{merchant.HonouringStoreId}"))!;
        details.Hours.OpenNow.ShouldBe(false);
        (details.Hours.NextOpening is not null).ShouldBeTrue("the next opening is known");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_holiday_closes_a_store_that_is_open_around_the_clock_and_is_listed_on_the_page(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        await SetWeekAsync(merchant.Owner, merchant.HonouringStoreId, EveryDay("00:00", "00:00"));
        await SetWeekAsync(merchant.Owner, merchant.OtherStoreId, ClosedNow(app));
        (await OpenNowAsync(app, merchant.HonouringStoreId, merchant.OtherStoreId)).ShouldBeEquivalentTo([merchant.HonouringStoreId]);

        var today = Date(LocalNow(app));
        await SetExceptionAsync(merchant.Owner, merchant.HonouringStoreId, new HoursExceptionRequest(today, true, null, null, "店庆 Anniversary"));

        var page = await app.Anonymous().GetStringAsync($"/stores/{merchant.HonouringStoreId}");
        page.Contains("data-open=\"false\"", StringComparison.Ordinal).ShouldBeTrue("the holiday closes the store");
        page.Contains("店庆 Anniversary", StringComparison.Ordinal).ShouldBeTrue("the coming exception is listed");
        (await OpenNowAsync(app, merchant.HonouringStoreId)).Count.ShouldBe(0);

        // Removing the exception opens it again.
        await (await merchant.Owner.DeleteAsync($"/api/merchant/stores/{merchant.HonouringStoreId}/exceptions/{today}")).ShouldHaveStatusAsync(200);
        (await OpenNowAsync(app, merchant.HonouringStoreId)).ShouldBeEquivalentTo([merchant.HonouringStoreId]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Open_now_is_computed_in_the_stores_own_time_zone(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        // Shanghai's hours around now; the same clock times in Tokyo (an hour ahead) are an hour later: not open yet for the half-hour window.
        var local = LocalNow(app);
        var week = EveryDay(Hm(local.AddMinutes(-30)), Hm(local.AddMinutes(30)));
        await SetWeekAsync(merchant.Owner, merchant.HonouringStoreId, week);
        await SetWeekAsync(merchant.Owner, merchant.OtherStoreId, week);
        await merchant.Owner.PutAsJsonAsync($"/api/merchant/stores/{merchant.OtherStoreId}",
            new StoreDetailsRequest("陆家嘴店", "上海", "上海市浦东新区陆家嘴环路1号", Scenario.Latitude + 0.01, Scenario.Longitude + 0.02, "021-63218888", "Asia/Tokyo", 5))
            .ShouldReturnAsync<StoreSetupView>();

        (await OpenNowAsync(app, merchant.HonouringStoreId, merchant.OtherStoreId)).ShouldBeEquivalentTo([merchant.HonouringStoreId]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_owner_sets_hours_and_a_holiday_in_the_console_page(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var form = await FormAsync(merchant.Owner, $"/merchant/stores/{merchant.HonouringStoreId}");
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = form };
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            fields[$"Week[{day}]"] = day == DayOfWeek.Monday ? "" : "10:00-14:00, 17:00-02:00";
        }

        var saved = await merchant.Owner.PostAsync($"/merchant/stores/{merchant.HonouringStoreId}?handler=Week", new FormUrlEncodedContent(fields));
        ((int)saved.StatusCode).ShouldBe(302, "saving redirects back to the page");
        var setup = await merchant.Owner.GetFromJsonAsync<StoreSetupView>($"/api/merchant/stores/{merchant.HonouringStoreId}");
        setup!.Week.Count.ShouldBe(12, "two periods on six days, Monday closed");

        var holiday = Date(LocalNow(app).AddDays(10));
        var exception = await merchant.Owner.PostAsync($"/merchant/stores/{merchant.HonouringStoreId}?handler=Exception", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await FormAsync(merchant.Owner, $"/merchant/stores/{merchant.HonouringStoreId}"),
            ["Exception.Date"] = holiday, ["Exception.Closed"] = "true", ["Exception.Note"] = "春节",
        }));
        ((int)exception.StatusCode).ShouldBe(302);
        var page = await merchant.Owner.GetStringAsync($"/merchant/stores/{merchant.HonouringStoreId}");
        page.Contains(holiday, StringComparison.Ordinal).ShouldBeTrue("the holiday is listed");

        // Overlapping periods come back as an error on the page, in Chinese.
        fields["__RequestVerificationToken"] = await FormAsync(merchant.Owner, $"/merchant/stores/{merchant.HonouringStoreId}");
        fields[$"Week[{DayOfWeek.Tuesday}]"] = "10:00-14:00, 13:00-15:00";
        var refused = await merchant.Owner.PostAsync($"/merchant/stores/{merchant.HonouringStoreId}?handler=Week", new FormUrlEncodedContent(fields));
        ((int)refused.StatusCode).ShouldBe(200);
        (await refused.Content.ReadAsStringAsync()).Contains("营业时段重叠", StringComparison.Ordinal).ShouldBeTrue("the overlap is explained");
    }

    private static Task<HashSet<Guid>> OpenNowAsync(TestApp app, params Guid[] storeIds) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<StoreOpenings>().IsOpenNowAsync(storeIds));

    /// <summary>The antiforgery token of a page's form.</summary>
    private static async Task<string> FormAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = System.Text.RegularExpressions.Regex.Match(html, @"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""");
        match.Success.ShouldBeTrue("the page has a form");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
