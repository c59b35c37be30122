using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record ServingStore(Guid StoreId, Guid MerchantId, string Name, string Address, double Latitude, double Longitude,
    double DistanceKm, double ServiceRadiusKm, string? ClosesAt);

/// <summary>
/// "The nearest store that can serve this point": of one merchant's stores, those whose service radius covers the point
/// and that are open now, nearest first. Delivery and pickup are meant to ask here; a refusal says why (409 with a code).
/// </summary>
public sealed class NearestServingStore(AppDbContext db, StoreOpenings openings, TimeProvider clock)
{
    public async Task<ServingStore> ForProductAsync(Guid productId, GeoPoint point)
    {
        var merchantId = await db.Products.IgnoreQueryFilters().Where(p => p.Id == productId && p.IsLive && p.Listed)
            .Select(p => (Guid?)p.MerchantId).SingleOrDefaultAsync() ?? throw DomainException.NotFound("Product", "商品");
        return await ForMerchantAsync(merchantId, point);
    }

    public async Task<ServingStore> ForMerchantAsync(Guid merchantId, GeoPoint point)
    {
        var merchant = await db.Merchants.AsNoTracking().SingleOrDefaultAsync(m => m.Id == merchantId) ?? throw DomainException.NotFound("Merchant", "商户");
        if (merchant.Status == MerchantStatus.Frozen)
        {
            throw DomainException.Conflict("merchant_frozen", "This merchant is not taking orders at the moment.", "该商户暂停营业，暂时无法下单。");
        }

        var stores = (await db.Stores.IgnoreQueryFilters().AsNoTracking().Where(s => s.MerchantId == merchantId).ToListAsync())
            .Select(s => (Store: s, Distance: point.DistanceKmTo(new GeoPoint(s.Latitude, s.Longitude))))
            .OrderBy(x => x.Distance).ToList();
        if (stores.Count == 0)
        {
            throw DomainException.Conflict("no_stores", "This merchant has no store yet.", "该商户还没有门店。");
        }

        var inRange = stores.Where(x => x.Distance <= x.Store.ServiceRadiusKm).ToList();
        if (inRange.Count == 0)
        {
            var nearest = stores[0].Distance.ToString("0.0", CultureInfo.InvariantCulture);
            throw DomainException.Conflict("out_of_range", $"No store of this merchant serves your position (the nearest is {nearest} km away).",
                $"该商户没有门店覆盖你的位置（最近的门店距你 {nearest} 公里）。");
        }

        var now = clock.GetUtcNow();
        var hours = await openings.HoursAsync(inRange.Select(x => x.Store.Id).ToList(), now);
        foreach (var (store, distance) in inRange)
        {
            if (hours[store.Id].OpenPeriodAt(now) is { } open)
            {
                return new ServingStore(store.Id, store.MerchantId, store.Name, store.Address, store.Latitude, store.Longitude, Math.Round(distance, 2),
                    store.ServiceRadiusKm, open.Period.Closes.ToString("HH:mm", CultureInfo.InvariantCulture));
            }
        }

        throw DomainException.Conflict("all_stores_closed", "Every store that serves your position is closed now.", "覆盖你位置的门店现在都已打烊。");
    }
}

public static class NearestServingStoreEndpoints
{
    public static void MapNearestServingStoreEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Discovery");
        group.MapGet("/products/{productId:guid}/nearest-store", async (Guid productId, double? lat, double? lng, NearestServingStore nearest) =>
            TypedResults.Ok(await nearest.ForProductAsync(productId, Position(lat, lng))));
        group.MapGet("/merchants/{merchantId:guid}/nearest-store", async (Guid merchantId, double? lat, double? lng, NearestServingStore nearest) =>
            TypedResults.Ok(await nearest.ForMerchantAsync(merchantId, Position(lat, lng))));
    }

    private static GeoPoint Position(double? lat, double? lng) =>
        lat is null || lng is null
            ? throw Validation.Single("lat", "Give your position as lat and lng.", "请用 lat 和 lng 提供你的位置。")
            : new GeoPoint(lat.Value, lng.Value);
}
