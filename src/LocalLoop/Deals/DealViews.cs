using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Deals;

public sealed record DealStoreView(Guid Id, string Name, string Address, double Latitude, double Longitude, string Phone, string OpensAt, string ClosesAt);

public sealed record DealView(Guid Id, Guid MerchantId, string MerchantName, string Title, string Contents, string Category,
    long PriceFen, long OriginalPriceFen, int ValidityDays, string Status, string? RejectionReason, int SoldCount,
    double? AverageRating, int ReviewCount, List<DealStoreView> Stores, string RefundPolicy);

/// <summary>Reads of deals shared by the consumer pages, the merchant console and the API.</summary>
public sealed class DealViews(AppDbContext db)
{
    /// <summary>A deal as a consumer sees it: only approved deals exist for consumers.</summary>
    public Task<DealView?> PublicAsync(Guid dealId) => ViewAsync(dealId, publicOnly: true);

    /// <summary>A deal as its merchant (or a reviewer) sees it, whatever its status; the tenancy filter hides other merchants' deals.</summary>
    public Task<DealView?> AnyStatusAsync(Guid dealId) => ViewAsync(dealId, publicOnly: false);

    public async Task<List<DealView>> OfMerchantAsync(Guid merchantId)
    {
        var ids = await db.Deals.Where(d => d.MerchantId == merchantId).OrderByDescending(d => d.CreatedAt).Select(d => d.Id).ToListAsync();
        return await ManyAsync(ids);
    }

    public async Task<List<DealView>> PendingReviewAsync()
    {
        var ids = await db.Deals.Where(d => d.Status == DealStatus.PendingReview).OrderBy(d => d.CreatedAt).Select(d => d.Id).ToListAsync();
        return await ManyAsync(ids);
    }

    private async Task<List<DealView>> ManyAsync(List<Guid> ids)
    {
        var views = new List<DealView>(ids.Count);
        foreach (var id in ids)
        {
            views.Add((await AnyStatusAsync(id))!);
        }

        return views;
    }

    private async Task<DealView?> ViewAsync(Guid dealId, bool publicOnly)
    {
        var deal = await db.Deals.AsNoTracking().Include(d => d.Stores)
            .SingleOrDefaultAsync(d => d.Id == dealId && (!publicOnly || d.Status == DealStatus.Approved));
        if (deal is null)
        {
            return null;
        }

        var merchantName = await db.Merchants.Where(m => m.Id == deal.MerchantId).Select(m => m.Name).SingleAsync();
        var storeIds = deal.Stores.Select(s => s.StoreId).ToList();
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).OrderBy(s => s.Name).ToListAsync();
        var ratings = await db.Reviews.Where(r => r.DealId == dealId).Select(r => r.Rating).ToListAsync();
        return new DealView(deal.Id, deal.MerchantId, merchantName, deal.Title, deal.Contents, deal.Category, deal.PriceFen, deal.OriginalPriceFen,
            deal.ValidityDays, deal.Status.ToString(), deal.RejectionReason, deal.SoldCount,
            ratings.Count == 0 ? null : Math.Round(ratings.Average(), 1), ratings.Count,
            stores.Select(s => new DealStoreView(s.Id, s.Name, s.Address, s.Latitude, s.Longitude, s.Phone, s.OpensAt.ToString("HH:mm"), s.ClosesAt.ToString("HH:mm"))).ToList(),
            deal.RefundPolicy.ToString());
    }
}
