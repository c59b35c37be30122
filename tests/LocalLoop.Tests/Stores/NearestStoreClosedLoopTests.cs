using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static LocalLoop.Tests.Stores.StoreHoursSteps;

namespace LocalLoop.Tests.Stores;

/// <summary>
/// "The nearest store that can serve this point": the nearest open store of the merchant whose service radius covers
/// the point; when none can, the answer says why (out of range, all closed, merchant frozen).
/// </summary>
public sealed class NearestStoreClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    // Scenario's second store is 0.01° north and 0.02° east of the first: about 2.2 km apart.
    private const double NearSecondLat = Scenario.Latitude + 0.0105;
    private const double NearSecondLng = Scenario.Longitude + 0.0205;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_nearest_open_store_in_range_serves_and_the_next_one_takes_over_when_it_closes(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        await SetWeekAsync(merchant.Owner, merchant.HonouringStoreId, EveryDay("00:00", "00:00"));
        await SetWeekAsync(merchant.Owner, merchant.OtherStoreId, EveryDay("00:00", "00:00"));
        var url = $"/api/merchants/{merchant.MerchantId}/nearest-store?lat={NearSecondLat}&lng={NearSecondLng}";

        var nearest = await app.Anonymous().GetAsync(url).ShouldReturnAsync<ServingStore>();
        nearest.StoreId.ShouldBe(merchant.OtherStoreId, "the store a few hundred metres away serves");
        (nearest.DistanceKm < 0.2).ShouldBeTrue($"the distance is given: {nearest.DistanceKm}");

        await SetWeekAsync(merchant.Owner, merchant.OtherStoreId, ClosedNow(app));
        var fallback = await app.Anonymous().GetAsync(url).ShouldReturnAsync<ServingStore>();
        fallback.StoreId.ShouldBe(merchant.HonouringStoreId, "the farther store, still within its 5 km, serves while the near one is closed");
        (fallback.DistanceKm is > 2 and < 3).ShouldBeTrue($"about 2.2 km: {fallback.DistanceKm}");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task When_no_store_can_serve_the_answer_says_why(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        await SetWeekAsync(merchant.Owner, merchant.HonouringStoreId, ClosedNow(app));
        await SetWeekAsync(merchant.Owner, merchant.OtherStoreId, ClosedNow(app));

        var closed = await app.Anonymous().GetAsync($"/api/merchants/{merchant.MerchantId}/nearest-store?lat={Scenario.Latitude}&lng={Scenario.Longitude}")
            .ShouldBeProblemAsync(409, "all_stores_closed");
        closed.Contains("closed", StringComparison.Ordinal).ShouldBeTrue(closed);

        var far = await app.Anonymous().GetAsync($"/api/merchants/{merchant.MerchantId}/nearest-store?lat=39.9042&lng=116.4074")
            .ShouldBeProblemAsync(409, "out_of_range");
        far.Contains("km away", StringComparison.Ordinal).ShouldBeTrue(far);

        await app.WithDbAsync(db => db.Merchants.Where(m => m.Id == merchant.MerchantId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MerchantStatus.Frozen)));
        await app.Anonymous().GetAsync($"/api/merchants/{merchant.MerchantId}/nearest-store?lat={Scenario.Latitude}&lng={Scenario.Longitude}")
            .ShouldBeProblemAsync(409, "merchant_frozen");
        await app.Anonymous().GetAsync($"/api/merchants/{Guid.NewGuid()}/nearest-store?lat={Scenario.Latitude}&lng={Scenario.Longitude}")
            .ShouldBeProblemAsync(404, "not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_smaller_service_radius_takes_a_store_out_of_reach(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        await SetWeekAsync(merchant.Owner, merchant.HonouringStoreId, EveryDay("00:00", "00:00"));
        await SetWeekAsync(merchant.Owner, merchant.OtherStoreId, ClosedNow(app));
        var url = $"/api/merchants/{merchant.MerchantId}/nearest-store?lat={NearSecondLat}&lng={NearSecondLng}";
        (await app.Anonymous().GetAsync(url).ShouldReturnAsync<ServingStore>()).StoreId.ShouldBe(merchant.HonouringStoreId);

        await merchant.Owner.PutAsJsonAsync($"/api/merchant/stores/{merchant.HonouringStoreId}",
            new StoreDetailsRequest("人民广场店", "上海", "上海市黄浦区南京东路1号", Scenario.Latitude, Scenario.Longitude, "021-63218888", "Asia/Shanghai", 1))
            .ShouldReturnAsync<StoreSetupView>();

        await app.Anonymous().GetAsync(url).ShouldBeProblemAsync(409, "all_stores_closed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_live_listed_product_finds_its_merchants_nearest_serving_store(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        await SetWeekAsync(merchant.Owner, merchant.HonouringStoreId, EveryDay("00:00", "00:00"));
        var listed = await AddProductAsync(app, merchant.MerchantId, listed: true);
        var delisted = await AddProductAsync(app, merchant.MerchantId, listed: false);

        var serving = await app.Anonymous().GetAsync($"/api/products/{listed}/nearest-store?lat={Scenario.Latitude}&lng={Scenario.Longitude}")
            .ShouldReturnAsync<ServingStore>();
        serving.StoreId.ShouldBe(merchant.HonouringStoreId);
        serving.MerchantId.ShouldBe(merchant.MerchantId);
        await app.Anonymous().GetAsync($"/api/products/{delisted}/nearest-store?lat={Scenario.Latitude}&lng={Scenario.Longitude}")
            .ShouldBeProblemAsync(404, "not_found");
    }

    /// <summary>A product row as the catalog writes it once approved (the catalog's own API is another slice's).</summary>
    internal static Task<Guid> AddProductAsync(TestApp app, Guid merchantId, bool listed, string title = "招牌牛油火锅底料", long minPriceFen = 3_800) =>
        app.WithDbAsync(async db =>
        {
            var product = new Product
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, Kind = ProductKind.Goods, Title = title, CategoryCode = "food",
                Status = ProductStatus.Approved, IsLive = true, Listed = listed, MinPriceFen = minPriceFen,
                CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
            };
            db.Products.Add(product);
            await db.SaveChangesAsync();
            return product.Id;
        });
}
