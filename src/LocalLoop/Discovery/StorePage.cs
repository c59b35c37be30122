using LocalLoop.Deals;
using LocalLoop.Platform.Data;
using LocalLoop.Reviews;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

public sealed record StoreDealSummary(Guid Id, string Title, long PriceFen, long OriginalPriceFen, int SoldCount);

public sealed record StoreDetails(Guid Id, Guid MerchantId, string MerchantName, string Name, string City, string Address, double Latitude, double Longitude,
    string Phone, string OpensAt, string ClosesAt, double? AverageRating, int ReviewCount, List<StoreDealSummary> Deals, List<ReviewView> Reviews);

/// <summary>A store as a consumer sees it: its approved deals and its reviews with the average rating.</summary>
public sealed class StorePage(AppDbContext db, ReviewQueries reviews)
{
    public async Task<StoreDetails?> LoadAsync(Guid storeId)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId);
        if (store is null)
        {
            return null;
        }

        // A frozen merchant's stores are gone from discovery: the page answers 404 like an unknown store.
        var merchantName = await db.Merchants.Where(m => m.Id == store.MerchantId && m.Status == Merchants.MerchantStatus.Active).Select(m => m.Name).SingleOrDefaultAsync();
        if (merchantName is null)
        {
            return null;
        }

        var deals = await (from link in db.DealStores
                           join deal in db.Deals on link.DealId equals deal.Id
                           where link.StoreId == storeId && deal.Status == DealStatus.Approved
                           orderby deal.Title
                           select new StoreDealSummary(deal.Id, deal.Title, deal.PriceFen, deal.OriginalPriceFen, deal.SoldCount)).ToListAsync();
        var storeReviews = await reviews.ForStoreAsync(storeId);
        return new StoreDetails(store.Id, store.MerchantId, merchantName, store.Name, store.City, store.Address, store.Latitude, store.Longitude, store.Phone,
            store.OpensAt.ToString("HH:mm"), store.ClosesAt.ToString("HH:mm"),
            storeReviews.Count == 0 ? null : Math.Round(storeReviews.Average(r => r.Rating), 1), storeReviews.Count, deals, storeReviews);
    }
}
