using System.Globalization;
using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Deals;
using LocalLoop.Discovery;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalLoop.Tests.Search;

public sealed record Shop(Guid MerchantId, HttpClient Owner, Guid StoreId, Guid DealId);

/// <summary>
/// Builds shops for search tests in an area of their own (<see cref="TestArea"/>), through the
/// public API; products and freezing come from other slices' endpoints, so those are written directly and the index
/// refreshed the way those endpoints will.
/// </summary>
public sealed class SearchWorld(TestApp app)
{
    private readonly GeoPoint area = TestArea.Next();

    public double Latitude => area.Latitude;
    public double Longitude => area.Longitude;

    public async Task<Shop> ShopAsync(string merchantName, string category, string storeName, string dealTitle, long priceFen = 8_800,
        double northKm = 0, string opens = "00:00", string closes = "23:59")
    {
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var applicant = await new Scenario(app).NewConsumerAsync(0, "店主 Owner");
        var application = await applicant.Client.PostAsJsonAsync("/api/merchant-applications",
            await Scenario.ApplicationAsync(applicant.Client, category) with { BusinessName = merchantName }).ShouldReturnAsync<ApplicationView>(201);
        var approved = await reviewer.PostAsync($"/api/admin/merchant-applications/{application.Id}/approve", null).ShouldReturnAsync<Scenario.MerchantIdOnly>();
        var owner = await app.SignInAsync(applicant.Email);
        var store = await AddStoreAsync(owner, storeName, northKm, opens, closes);
        var deal = await owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest(dealTitle, "套餐内容", category, priceFen, priceFen * 2, 30, [store], null)).ShouldReturnAsync<DealView>(201);
        await (await reviewer.PostAsync($"/api/admin/deals/{deal.Id}/approve", null)).ShouldHaveStatusAsync(204);
        return new Shop(approved.MerchantId, owner, store, deal.Id);
    }

    public async Task<Guid> AddStoreAsync(HttpClient owner, string name, double northKm, string opens = "00:00", string closes = "23:59")
    {
        var request = new StoreRequest(name, "上海", "测试路 1 号", Latitude + northKm / 111.195, Longitude, "021-63218888", opens, closes);
        return (await owner.PostAsJsonAsync("/api/merchant/stores", request).ShouldReturnAsync<StoreView>(201)).Id;
    }

    /// <summary>A live product, listed or not, as the catalog slice's approval and listing leave it.</summary>
    public async Task ProductAsync(Guid merchantId, string title, string categoryCode, bool listed = true, long priceFen = 1_500)
    {
        await app.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Products.Add(new Product
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, Kind = ProductKind.Goods, Title = title, CategoryCode = categoryCode,
                Status = ProductStatus.Approved, IsLive = true, Listed = listed, MinPriceFen = priceFen, CreatedAt = now, UpdatedAt = now,
            });
            return await db.SaveChangesAsync();
        });
        await RefreshAsync(merchantId);
    }

    public async Task FreezeAsync(Guid merchantId)
    {
        await app.WithDbAsync(async db =>
        {
            var merchant = await db.Merchants.FindAsync(merchantId);
            merchant!.Status = MerchantStatus.Frozen;
            return await db.SaveChangesAsync();
        });
        await RefreshAsync(merchantId);
    }

    public Task RefreshAsync(Guid merchantId) =>
        app.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<SearchIndex>().RefreshMerchantAsync(merchantId);
            return true;
        });

    public async Task<StoreSearchPage> SearchAsync(string query = "", double radiusKm = 3)
    {
        var position = string.Create(CultureInfo.InvariantCulture, $"lat={Latitude}&lng={Longitude}&radiusKm={radiusKm}");
        return await app.Anonymous().GetAsync($"/api/search/nearby?{position}&{query}").ShouldReturnAsync<StoreSearchPage>();
    }

    public async Task<List<string>> MerchantsFoundAsync(string keyword) =>
        (await SearchAsync("q=" + Uri.EscapeDataString(keyword))).Items.Select(i => i.MerchantName).Order(StringComparer.Ordinal).ToList();
}
