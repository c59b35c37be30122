using System.Net.Http.Json;
using LocalLoop.Discovery;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Stores;

/// <summary>A signed-in consumer's store and deal page views are remembered, newest first, without duplicates, the last 30 kept.</summary>
public sealed class RecentViewsClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Viewed_stores_and_deals_are_listed_newest_first_once_each(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(0);

        await consumer.Client.GetStringAsync($"/stores/{merchant.HonouringStoreId}");
        await consumer.Client.GetStringAsync($"/deals/{merchant.DealId}");
        await consumer.Client.GetStringAsync($"/stores/{merchant.OtherStoreId}");
        await consumer.Client.GetStringAsync($"/stores/{merchant.HonouringStoreId}");
        await app.Anonymous().GetStringAsync($"/stores/{merchant.OtherStoreId}");

        var recent = (await consumer.Client.GetFromJsonAsync<List<RecentViewItem>>("/api/me/recent"))!;
        recent.Select(r => (r.Kind, r.TargetId)).ShouldBeEquivalentTo([("Store", merchant.HonouringStoreId), ("Store", merchant.OtherStoreId), ("Deal", merchant.DealId)]);
        recent[0].Title.ShouldBe("人民广场店");
        recent[2].Url.ShouldBe($"/deals/{merchant.DealId}");

        var page = await consumer.Client.GetStringAsync("/me/recent");
        page.Contains("人民广场店", StringComparison.Ordinal).ShouldBeTrue("the page lists the store");
        page.Contains("双人火锅套餐", StringComparison.Ordinal).ShouldBeTrue("the page lists the deal");

        // Another consumer's list is their own.
        var other = await scenario.NewConsumerAsync(0);
        (await other.Client.GetFromJsonAsync<List<RecentViewItem>>("/api/me/recent"))!.Count.ShouldBe(0);
        await (await app.Anonymous().GetAsync("/api/me/recent")).ShouldHaveStatusAsync(401);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Only_the_last_30_views_are_kept(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(0);
        var stores = new List<Guid> { merchant.HonouringStoreId, merchant.OtherStoreId };
        for (var i = 0; i < 31; i++)
        {
            stores.Add((await merchant.Owner.PostAsJsonAsync("/api/merchant/stores", Scenario.Store($"分店{i}", Scenario.Latitude, Scenario.Longitude))
                .ShouldReturnAsync<LocalLoop.Merchants.StoreView>(201)).Id);
        }

        foreach (var store in stores)
        {
            await consumer.Client.GetStringAsync($"/stores/{store}");
        }

        var recent = (await consumer.Client.GetFromJsonAsync<List<RecentViewItem>>("/api/me/recent"))!;
        recent.Count.ShouldBe(30);
        recent[0].TargetId.ShouldBe(stores[^1], "the newest first");
        recent.Select(r => r.TargetId).Contains(stores[2]).ShouldBe(false, "the oldest views are dropped");
        (await app.WithDbAsync(db => db.RecentViews.CountAsync(v => v.UserId == consumer.Id))).ShouldBe(30, "older rows are deleted, not just hidden");
    }
}
