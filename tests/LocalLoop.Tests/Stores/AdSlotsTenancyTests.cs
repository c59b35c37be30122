using LocalLoop.Ads;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static LocalLoop.Tests.Stores.AdSteps;

namespace LocalLoop.Tests.Stores;

/// <summary>Only operators manage ads: merchants (owner, clerk) and consumers get 403, anonymous callers 401, and nothing changes.</summary>
public sealed class AdSlotsTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Merchants_and_consumers_cannot_manage_ads(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(0);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var ad = await CreateAsync(admin, StoreAd(app, merchant.HonouringStoreId, "运营广告"));
        var request = StoreAd(app, merchant.HonouringStoreId, "商户自己投的广告");
        string[] apis =
        [
            "GET /api/admin/ads", $"GET /api/admin/ads/{ad.Id}", "POST /api/admin/ads", $"PUT /api/admin/ads/{ad.Id}",
            $"POST /api/admin/ads/{ad.Id}/pause", $"POST /api/admin/ads/{ad.Id}/resume", "GET /api/admin/ads/report",
        ];

        foreach (var api in apis)
        {
            var body = api.StartsWith("POST /api/admin/ads", StringComparison.Ordinal) && !api.Contains("/pause", StringComparison.Ordinal) && !api.Contains("/resume", StringComparison.Ordinal)
                || api.StartsWith("PUT", StringComparison.Ordinal) ? request : null;
            await (await merchant.Owner.SendAsync(api, body)).ShouldHaveStatusAsync(403);
            await (await merchant.Clerk.SendAsync(api, body)).ShouldHaveStatusAsync(403);
            await (await consumer.Client.SendAsync(api, body)).ShouldHaveStatusAsync(403);
            await (await app.Anonymous().SendAsync(api, body)).ShouldHaveStatusAsync(401);
        }

        (await merchant.Owner.GetAsync("/admin/ads")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        var stored = await app.WithDbAsync(db => db.AdPlacements.SingleAsync(p => p.Id == ad.Id));
        (stored.Title, stored.Active).ShouldBe(("运营广告", true), "the ad is unchanged");
        (await app.WithDbAsync(db => db.AdPlacements.CountAsync(p => p.Title == "商户自己投的广告"))).ShouldBe(0);
    }
}
