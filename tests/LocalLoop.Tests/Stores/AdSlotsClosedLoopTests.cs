using System.Net.Http.Json;
using LocalLoop.Ads;
using LocalLoop.Tests.Infrastructure;
using Xunit;
using static LocalLoop.Tests.Stores.AdSteps;

namespace LocalLoop.Tests.Stores;

/// <summary>
/// An operator places ads in a slot of a city; consumers get the ones live now in order; every serving counts an
/// impression and every click (through the redirect) a click, per placement, slot, merchant and day; the report shows them.
/// </summary>
public sealed class AdSlotsClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Live_ads_are_served_in_order_and_impressions_and_clicks_are_counted(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var slot = "store_list_top";
        var city = "shanghai-lujiazui";
        var second = await CreateAsync(admin, StoreAd(app, merchant.OtherStoreId, "第二条 " + Guid.NewGuid().ToString("N")[..6], 2, slot, city));
        var first = await CreateAsync(admin, StoreAd(app, merchant.HonouringStoreId, "第一条 " + Guid.NewGuid().ToString("N")[..6], 1, slot, city));
        var future = await CreateAsync(admin, StoreAd(app, merchant.HonouringStoreId, "未开始", 0, slot, city) with
        {
            StartsAt = app.Clock.GetUtcNow().AddDays(1), EndsAt = app.Clock.GetUtcNow().AddDays(2),
        });
        var paused = await CreateAsync(admin, StoreAd(app, merchant.HonouringStoreId, "已暂停", 0, slot, city));
        await admin.PostAsync($"/api/admin/ads/{paused.Id}/pause", null).ShouldReturnAsync<AdPlacementView>();

        var served = (await app.Anonymous().GetFromJsonAsync<List<ServedAd>>($"/api/ads?slot={slot}&city={city}"))!;
        served.Select(a => a.Id).ShouldBeEquivalentTo([first.Id, second.Id]);
        served[0].ClickUrl.ShouldBe($"/ads/{first.Id}/click");
        await app.Anonymous().GetFromJsonAsync<List<ServedAd>>($"/api/ads?slot={slot}&city={city}");

        var click = await app.Anonymous().GetAsync(served[0].ClickUrl);
        ((int)click.StatusCode).ShouldBe(302);
        click.Headers.Location!.ToString().ShouldBe($"/stores/{merchant.HonouringStoreId}", "the click leads to the advertised store");

        var report = (await admin.GetFromJsonAsync<List<AdReportRow>>("/api/admin/ads/report"))!;
        var row = report.Single(r => r.Slot == slot && r.MerchantId == merchant.MerchantId);
        (row.Impressions, row.Clicks).ShouldBe((4L, 1L), "two servings of two ads, one click");
        (future.Id != Guid.Empty).ShouldBeTrue();

        var page = await admin.GetStringAsync("/admin/ads");
        page.Contains(first.Title, StringComparison.Ordinal).ShouldBeTrue("the operator page lists the ad");
        page.Contains("<svg", StringComparison.Ordinal).ShouldBeTrue("the report has its chart");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_edited_ad_moves_and_a_resumed_ad_comes_back_and_the_home_page_shows_the_banner(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var title = "首页横幅 " + Guid.NewGuid().ToString("N")[..6];
        var ad = await CreateAsync(admin, StoreAd(app, merchant.HonouringStoreId, title, 0, "search_top", "shanghai"));

        var moved = await admin.PutAsJsonAsync($"/api/admin/ads/{ad.Id}", StoreAd(app, merchant.HonouringStoreId, title, 0, "home_banner", "shanghai-xujiahui"))
            .ShouldReturnAsync<AdPlacementView>();
        moved.Slot.ShouldBe("home_banner");
        (await app.Anonymous().GetFromJsonAsync<List<ServedAd>>("/api/ads?slot=search_top&city=shanghai"))!.Any(a => a.Id == ad.Id).ShouldBe(false);

        var home = await app.Anonymous().GetStringAsync("/?city=shanghai-xujiahui");
        home.Contains(title, StringComparison.Ordinal).ShouldBeTrue("the home page of that city shows the banner");
        home.Contains($"/ads/{ad.Id}/click", StringComparison.Ordinal).ShouldBeTrue();

        await admin.PostAsync($"/api/admin/ads/{ad.Id}/pause", null).ShouldReturnAsync<AdPlacementView>();
        (await app.Anonymous().GetStringAsync("/?city=shanghai-xujiahui")).Contains(title, StringComparison.Ordinal).ShouldBe(false, "a paused ad is not shown");
        await admin.PostAsync($"/api/admin/ads/{ad.Id}/resume", null).ShouldReturnAsync<AdPlacementView>();
        (await app.Anonymous().GetFromJsonAsync<List<ServedAd>>("/api/ads?slot=home_banner&city=shanghai-xujiahui"))!.Any(a => a.Id == ad.Id).ShouldBeTrue();
    }

    public static TheoryData<string, string> BadAds => Cases.OnEachDatabase("unknown slot", "unknown city", "end before start", "unknown store", "javascript url", "no title");

    [Theory]
    [MemberData(nameof(BadAds))]
    public async Task A_bad_ad_is_refused(string database, string badness)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var good = StoreAd(app, merchant.HonouringStoreId, "好广告");
        var request = badness switch
        {
            "unknown slot" => good with { Slot = "sky" },
            "unknown city" => good with { City = "atlantis" },
            "end before start" => good with { EndsAt = good.StartsAt.AddMinutes(-1) },
            "unknown store" => good with { TargetId = Guid.NewGuid() },
            "javascript url" => good with { TargetKind = "Url", TargetId = null, TargetUrl = "javascript:alert(1)" },
            "no title" => good with { Title = " " },
            _ => throw new ArgumentOutOfRangeException(nameof(badness), badness, null),
        };

        await admin.PostAsJsonAsync("/api/admin/ads", request).ShouldBeProblemAsync(400, "validation_failed");
    }
}
