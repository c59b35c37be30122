using System.Net.Http.Json;
using LocalLoop.Ads;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static LocalLoop.Tests.Stores.AdSteps;

namespace LocalLoop.Tests.Stores;

/// <summary>Many consumers at once: every serving and every click is counted, none lost, though the day's row is created by one of them.</summary>
public sealed class AdSlotsRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Parallel = 40;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_servings_and_clicks_lose_no_count(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var ad = await CreateAsync(admin, StoreAd(app, merchant.HonouringStoreId, "抢购 " + Guid.NewGuid().ToString("N")[..6], 0, "category_top", "shanghai"));

        var servings = Enumerable.Range(0, Parallel).Select(_ => app.Anonymous().GetAsync("/api/ads?slot=category_top&city=shanghai"));
        var clicks = Enumerable.Range(0, Parallel).Select(_ => app.Anonymous().GetAsync($"/ads/{ad.Id}/click"));
        var responses = await Task.WhenAll(servings.Concat(clicks));

        responses.All(r => (int)r.StatusCode is 200 or 302).ShouldBeTrue("every request is answered");
        var stats = await app.WithDbAsync(db => db.AdDailyStats.Where(s => s.PlacementId == ad.Id).ToListAsync());
        stats.Count.ShouldBe(1, "one row per placement and day");
        (stats[0].Impressions, stats[0].Clicks).ShouldBe(((long)Parallel, (long)Parallel));
        stats[0].MerchantId.ShouldBe(merchant.MerchantId);
    }
}
