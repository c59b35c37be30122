using LocalLoop.Deals;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Reviews;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

public sealed record StoreDealSummary(Guid Id, string Title, long PriceFen, long OriginalPriceFen, int SoldCount);

/// <param name="DistanceKm">From the consumer's position, when it is known.</param>
public sealed record StoreDetails(Guid Id, Guid MerchantId, string MerchantName, string Name, string City, string Address, double Latitude, double Longitude,
    string Phone, double ServiceRadiusKm, OpenState Hours, double? DistanceKm, double? AverageRating, int ReviewCount,
    List<StoreDealSummary> Deals, List<ReviewView> Reviews);

/// <summary>A store as a consumer sees it: open now and its hours, its approved deals and its reviews (its goods: <see cref="StoreGoods"/>).</summary>
public sealed class StorePage(AppDbContext db, ReviewQueries reviews, StoreOpenings openings)
{
    public async Task<StoreDetails?> LoadAsync(Guid storeId, GeoPoint? position = null)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId);
        if (store is null)
        {
            return null;
        }

        // A frozen merchant's stores are gone from discovery: the page answers 404 like an unknown store.
        var merchant = await db.Merchants.AsNoTracking().SingleAsync(m => m.Id == store.MerchantId);
        if (merchant.Status != MerchantStatus.Active)
        {
            return null;
        }

        var deals = await (from link in db.DealStores
                           join deal in db.Deals on link.DealId equals deal.Id
                           where link.StoreId == storeId && deal.Status == DealStatus.Approved
                           orderby deal.Title
                           select new StoreDealSummary(deal.Id, deal.Title, deal.PriceFen, deal.OriginalPriceFen, deal.SoldCount)).ToListAsync();
        var storeReviews = await reviews.ForStoreAsync(storeId);
        var hours = await openings.StateAsync(storeId);
        var distance = position is { } from ? Math.Round(from.DistanceKmTo(new GeoPoint(store.Latitude, store.Longitude)), 2) : (double?)null;
        return new StoreDetails(store.Id, store.MerchantId, merchant.Name, store.Name, store.City, store.Address, store.Latitude, store.Longitude, store.Phone,
            store.ServiceRadiusKm, hours!, distance,
            storeReviews.Count == 0 ? null : Math.Round(storeReviews.Average(r => r.Rating), 1), storeReviews.Count, deals, storeReviews);
    }
}
