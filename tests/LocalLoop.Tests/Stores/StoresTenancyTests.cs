using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static LocalLoop.Tests.Stores.StoreHoursSteps;

namespace LocalLoop.Tests.Stores;

/// <summary>
/// Store set-up belongs to its merchant: another merchant's store ids answer 404 on every store endpoint and nothing of
/// theirs changes; the counter clerk and consumers may not edit stores (403).
/// </summary>
public sealed class StoresTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly StoreDetailsRequest Details = new("改名店", "上海", "上海市黄浦区福州路1号", 31.23, 121.47, "021-63210000", "Asia/Shanghai", 3);

    private static string[] StoreApis(Guid storeId) =>
    [
        $"GET /api/merchant/stores/{storeId}",
        $"PUT /api/merchant/stores/{storeId}",
        $"PUT /api/merchant/stores/{storeId}/hours",
        $"PUT /api/merchant/stores/{storeId}/exceptions",
        $"DELETE /api/merchant/stores/{storeId}/exceptions/2027-02-06",
    ];

    private static object? Body(string api) => api switch
    {
        _ when api.StartsWith("PUT", StringComparison.Ordinal) && api.EndsWith("/hours", StringComparison.Ordinal) => EveryDay("08:00", "20:00"),
        _ when api.StartsWith("PUT", StringComparison.Ordinal) && api.EndsWith("/exceptions", StringComparison.Ordinal) => new HoursExceptionRequest("2027-02-06", true, null, null, "春节"),
        _ when api.StartsWith("PUT", StringComparison.Ordinal) => Details,
        _ => null,
    };

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_store_is_not_found_on_every_store_endpoint_and_stays_unchanged(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        await SetExceptionAsync(a.Owner, a.HonouringStoreId, new HoursExceptionRequest("2027-02-06", true, null, null, "春节"));

        foreach (var api in StoreApis(a.HonouringStoreId))
        {
            await b.Owner.SendAsync(api, Body(api)).ShouldBeProblemAsync(404, "not_found");
        }

        var store = await app.WithDbAsync(db => db.Stores.SingleAsync(s => s.Id == a.HonouringStoreId));
        store.Name.ShouldBe("人民广场店", "A's store keeps its name");
        (await app.WithDbAsync(db => db.StoreHours.CountAsync(h => h.StoreId == a.HonouringStoreId && h.OpensAt == new TimeOnly(10, 0)))).ShouldBe(7, "A's week is untouched");
        (await app.WithDbAsync(db => db.StoreHoursExceptions.CountAsync(e => e.StoreId == a.HonouringStoreId))).ShouldBe(1, "A's holiday is still there");

        // The same calls work for A's owner, so the 404 is about tenancy and not a broken route.
        foreach (var api in StoreApis(a.HonouringStoreId))
        {
            await (await a.Owner.SendAsync(api, Body(api))).ShouldHaveStatusAsync(200);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_clerk_and_a_consumer_may_not_edit_stores(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(0);

        foreach (var api in StoreApis(merchant.HonouringStoreId))
        {
            await (await merchant.Clerk.SendAsync(api, Body(api))).ShouldHaveStatusAsync(403);
            await (await consumer.Client.SendAsync(api, Body(api))).ShouldHaveStatusAsync(403);
            await (await app.Anonymous().SendAsync(api, Body(api))).ShouldHaveStatusAsync(401);
        }

        (await app.WithDbAsync(db => db.StoreHours.CountAsync(h => h.StoreId == merchant.HonouringStoreId && h.OpensAt == new TimeOnly(10, 0)))).ShouldBe(7);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_store_setup_page_is_not_found(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();

        (await b.Owner.GetAsync($"/merchant/stores/{a.HonouringStoreId}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await a.Owner.GetAsync($"/merchant/stores/{a.HonouringStoreId}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
