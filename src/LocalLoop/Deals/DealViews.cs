using LocalLoop.Merchants;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Deals;

/// <param name="TodayHours">The store's periods today in its own time zone ("10:00–22:00"); empty when closed all day.</param>
public sealed record DealStoreView(Guid Id, string Name, string Address, double Latitude, double Longitude, string Phone, string TodayHours, bool OpenNow);

public sealed record DealView(Guid Id, Guid MerchantId, string MerchantName, string Title, string Contents, string Category,
    long PriceFen, long OriginalPriceFen, int ValidityDays, string Status, string? RejectionReason, int SoldCount,
    double? AverageRating, int ReviewCount, List<DealStoreView> Stores, string RefundPolicy, ValidityRules Rules, int UsesPerVoucher = 1);

/// <summary>Reads of deals shared by the consumer pages, the merchant console and the API.</summary>
public sealed class DealViews(AppDbContext db, StoreOpenings openings, TimeProvider clock)
{
    /// <summary>A deal as a consumer sees it: only approved deals exist for consumers.</summary>
    public async Task<DealView?> PublicAsync(Guid dealId) =>
        (await ViewsAsync(db.Deals.Where(d => d.Id == dealId && d.Status == DealStatus.Approved))).SingleOrDefault();

    /// <summary>A deal as its merchant (or a reviewer) sees it, whatever its status; the tenancy filter hides other merchants' deals.</summary>
    public async Task<DealView?> AnyStatusAsync(Guid dealId) => (await ViewsAsync(db.Deals.Where(d => d.Id == dealId))).SingleOrDefault();

    public Task<List<DealView>> OfMerchantAsync(Guid merchantId) =>
        ViewsAsync(db.Deals.Where(d => d.MerchantId == merchantId).OrderByDescending(d => d.CreatedAt));

    public Task<List<DealView>> PendingReviewAsync() =>
        ViewsAsync(db.Deals.Where(d => d.Status == DealStatus.PendingReview).OrderBy(d => d.CreatedAt));

    /// <summary>Builds the views of a list of deals with seven queries in all, whatever the list's length.</summary>
    private async Task<List<DealView>> ViewsAsync(IQueryable<Deal> query)
    {
        var deals = await query.AsNoTracking().Include(d => d.Stores).ToListAsync();
        if (deals.Count == 0)
        {
            return [];
        }

        var dealIds = deals.Select(d => d.Id).ToList();
        var merchantIds = deals.Select(d => d.MerchantId).Distinct().ToList();
        var storeIds = deals.SelectMany(d => d.Stores).Select(s => s.StoreId).Distinct().ToList();
        var merchantNames = await db.Merchants.Where(m => merchantIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).OrderBy(s => s.Name).ToListAsync();
        var now = clock.GetUtcNow();
        var hours = await openings.HoursAsync(storeIds, now);
        var ratings = (await db.Reviews.Where(r => dealIds.Contains(r.DealId)).Select(r => new { r.DealId, r.Rating }).ToListAsync())
            .ToLookup(r => r.DealId, r => r.Rating);

        return deals.Select(deal =>
        {
            var honouring = deal.Stores.Select(s => s.StoreId).ToHashSet();
            var dealRatings = ratings[deal.Id].ToList();
            return new DealView(deal.Id, deal.MerchantId, merchantNames[deal.MerchantId], deal.Title, deal.Contents, deal.Category, deal.PriceFen,
                deal.OriginalPriceFen, deal.ValidityDays, deal.Status.ToString(), deal.RejectionReason, deal.SoldCount,
                dealRatings.Count == 0 ? null : Math.Round(dealRatings.Average(), 1), dealRatings.Count,
                stores.Where(s => honouring.Contains(s.Id))
                    .Select(s => new DealStoreView(s.Id, s.Name, s.Address, s.Latitude, s.Longitude, s.Phone, TodayHours(hours[s.Id], now), hours[s.Id].IsOpenAt(now)))
                    .ToList(),
                deal.RefundPolicy.ToString(), deal.Rules, deal.UsesPerVoucher);
        }).ToList();
    }

    private static string TodayHours(OpeningHours hours, DateTimeOffset now) =>
        string.Join(", ", hours.PeriodsOn(DateOnly.FromDateTime(hours.LocalTime(now))));
}
