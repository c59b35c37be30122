using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

public sealed record NearbyDeal(Guid DealId, string Title, string Category, long PriceFen, long OriginalPriceFen, int SoldCount,
    string MerchantName, Guid NearestStoreId, string NearestStoreName, double DistanceKm, double? AverageRating);

public sealed record NearbyPage(List<NearbyDeal> Items, int Page, int PageSize, int Total);

/// <summary>
/// Approved deals honoured by a store within a radius of the consumer, nearest first. An indexed
/// latitude/longitude box narrows the stores; the exact haversine distance orders them.
/// </summary>
public sealed class NearbySearch(AppDbContext db)
{
    public const double DefaultRadiusKm = 10;
    public const double MaxRadiusKm = 100;

    public async Task<NearbyPage> DealsNearAsync(GeoPoint position, double radiusKm, string? category, int page, int pageSize)
    {
        if (radiusKm is <= 0 or > MaxRadiusKm || !double.IsFinite(radiusKm))
        {
            throw Validation.Single("radiusKm", $"Radius must be more than 0 and at most {MaxRadiusKm} km.",
                $"搜索半径须大于 0 且不超过 {MaxRadiusKm} 公里。");
        }

        if (!string.IsNullOrEmpty(category) && !Categories.Exists(category))
        {
            throw Validation.Single("category", "Unknown category.", "没有这个类目，请从列表中选择。");
        }

        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 50);
        var box = position.BoundingBox(radiusKm);

        var candidates = await (
            from store in db.Stores
            where store.Latitude >= box.MinLat && store.Latitude <= box.MaxLat && store.Longitude >= box.MinLng && store.Longitude <= box.MaxLng
            join link in db.DealStores on store.Id equals link.StoreId
            join deal in db.Deals on link.DealId equals deal.Id
            where deal.Status == DealStatus.Approved && (category == null || category == "" || deal.Category == category)
            join merchant in db.Merchants on deal.MerchantId equals merchant.Id
            where merchant.Status == Merchants.MerchantStatus.Active
            select new
            {
                deal.Id, deal.Title, deal.Category, deal.PriceFen, deal.OriginalPriceFen, deal.SoldCount,
                MerchantName = merchant.Name, StoreId = store.Id, StoreName = store.Name, store.Latitude, store.Longitude,
            }).AsNoTracking().ToListAsync();

        var nearest = candidates
            .Select(c => (c, Distance: position.DistanceKmTo(new GeoPoint(c.Latitude, c.Longitude))))
            .Where(x => x.Distance <= radiusKm)
            .GroupBy(x => x.c.Id)
            .Select(g => g.MinBy(x => x.Distance))
            .OrderBy(x => x.Distance).ThenBy(x => x.c.Title)
            .ToList();

        var pageItems = nearest.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var dealIds = pageItems.Select(x => x.c.Id).ToList();
        var ratings = await db.Reviews.Where(r => dealIds.Contains(r.DealId))
            .GroupBy(r => r.DealId).Select(g => new { DealId = g.Key, Average = g.Average(r => (double)r.Rating) }).ToDictionaryAsync(x => x.DealId, x => x.Average);

        var items = pageItems.Select(x => new NearbyDeal(x.c.Id, x.c.Title, x.c.Category, x.c.PriceFen, x.c.OriginalPriceFen, x.c.SoldCount,
            x.c.MerchantName, x.c.StoreId, x.c.StoreName, Math.Round(x.Distance, 2),
            ratings.TryGetValue(x.c.Id, out var average) ? Math.Round(average, 1) : null)).ToList();
        return new NearbyPage(items, page, pageSize, nearest.Count);
    }
}
