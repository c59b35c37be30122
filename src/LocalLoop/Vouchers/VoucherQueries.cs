using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Vouchers;

/// <param name="UsesLeft">Uses left of <paramref name="TotalUses"/>: a card (次卡) shows "剩余 7/10 次".</param>
/// <param name="Uses">Each verification of the voucher, oldest first, with its reversal if it was reversed (冲正).</param>
/// <param name="UsedValueFen">The value of the uses consumed: a refund returns <paramref name="ValueFen"/> less this.</param>
public sealed record VoucherView(Guid Id, string Code, Guid OrderId, Guid DealId, string DealTitle, long ValueFen, string State,
    DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? VerifiedAt, Guid? VerifiedAtStoreId, bool Reviewed, bool Expired, string RefundPolicy = "AnyTime",
    DateTimeOffset? ValidFrom = null, Deals.ValidityRules? Rules = null, int TotalUses = 1, int UsesLeft = 1, List<VoucherUse>? Uses = null, long UsedValueFen = 0, bool NotYetValid = false);

/// <summary>One page of a consumer's vouchers: <paramref name="Page"/> of <paramref name="PageCount"/>, <paramref name="Total"/> vouchers in all.</summary>
public sealed record VoucherPage(List<VoucherView> Items, int Page, int PageCount, int Total);

/// <summary>One use of a voucher as its holder sees it: when, where, what it was worth, and whether it was reversed.</summary>
public sealed record VoucherUse(DateTimeOffset At, string StoreName, long ValueFen, DateTimeOffset? ReversedAt, string? ReversalReason);

/// <param name="ReversibleUntil">Until when the merchant's staff may reverse this verification (冲正); null if they cannot (refused, reversed, reviewed, or too late).</param>
/// <param name="ExternalPlatform">The external platform's key for a 三方码 row ("sandbox"), null for our own vouchers; its name follows.</param>
/// <param name="ValueFen">The value of the use consumed by a successful row of our own vouchers.</param>
/// <param name="UseNumber">For a card (次卡): which use of <paramref name="TotalUses"/> this row consumed (earlier unreversed uses + 1); null for an ordinary voucher.</param>
public sealed record VerificationLogEntry(Guid Id, DateTimeOffset At, string ClerkName, string StoreName, string Code, bool Succeeded, string Outcome,
    DateTimeOffset? ReversedAt = null, string? ReversedByName = null, string? ReversalReason = null, DateTimeOffset? ReversibleUntil = null,
    string? ExternalPlatform = null, string? ExternalPlatformName = null, string? ExternalPlatformNameZh = null,
    long? ValueFen = null, int? UseNumber = null, int? TotalUses = null, string? OutcomeZh = null);

public sealed class VoucherQueries(AppDbContext db, TimeProvider clock, IOptions<VoucherOptions> options, IEnumerable<ExternalCodes.IExternalVoucherProvider> platforms)
{
    /// <summary>Vouchers per page of "my vouchers", on the page and by default on the API.</summary>
    public const int MinePageSize = 20;

    /// <summary>All of the consumer's vouchers, newest first.</summary>
    public Task<List<VoucherView>> OfConsumerAsync(Guid consumerId) => ViewsAsync(NewestFirst(consumerId));

    /// <summary>One page of the consumer's vouchers, newest first; a page past the end answers the last page.</summary>
    public async Task<VoucherPage> PageOfConsumerAsync(Guid consumerId, int page, int pageSize = MinePageSize)
    {
        var total = await db.Vouchers.CountAsync(v => v.ConsumerId == consumerId);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await ViewsAsync(NewestFirst(consumerId).Skip((page - 1) * pageSize).Take(pageSize));
        return new VoucherPage(items, page, pageCount, total);
    }

    // The code is unique, so the order is total and pages neither repeat nor skip a voucher.
    private IQueryable<Voucher> NewestFirst(Guid consumerId) =>
        db.Vouchers.AsNoTracking().Where(v => v.ConsumerId == consumerId).OrderByDescending(v => v.IssuedAt).ThenBy(v => v.Code);

    private async Task<List<VoucherView>> ViewsAsync(IQueryable<Voucher> query)
    {
        var now = clock.GetUtcNow();
        var vouchers = await query.ToListAsync();
        var ids = vouchers.Select(v => v.Id).ToList();
        var reviewed = (await db.Reviews.Where(r => ids.Contains(r.VoucherId)).Select(r => r.VoucherId).ToListAsync()).ToHashSet();
        var uses = (await (from attempt in db.VerificationAttempts.IgnoreQueryFilters()
                           where attempt.VoucherId != null && ids.Contains(attempt.VoucherId.Value) && attempt.Succeeded
                           join store in db.Stores.IgnoreQueryFilters() on attempt.StoreId equals store.Id
                           orderby attempt.At, attempt.Id
                           select new { VoucherId = attempt.VoucherId!.Value, Use = new VoucherUse(attempt.At, store.Name, attempt.ValueFen ?? 0, attempt.ReversedAt, attempt.ReversalReason) })
                .AsNoTracking().ToListAsync())
            .ToLookup(u => u.VoucherId, u => u.Use);
        return vouchers.Select(v => new VoucherView(v.Id, v.Code, v.OrderId, v.DealId, v.DealTitle, v.ValueFen, v.State.ToString(), v.IssuedAt, v.ExpiresAt,
            v.VerifiedAt, v.VerifiedAtStoreId, reviewed.Contains(v.Id), v.State == VoucherState.Issued && v.ExpiresAt <= now,
            v.RefundPolicy.ToString(), v.ValidFrom, v.Rules, v.TotalUses, v.UsesLeft, uses[v.Id].ToList(), v.UsedValueFen,
            v.State == VoucherState.Issued && v.ValidFrom > now)).ToList();
    }

    /// <summary>
    /// The merchant's verification log as this staff member may see it: a clerk assigned to stores sees only theirs;
    /// the owner and an unassigned clerk (who work at every store, decision 0012) see all.
    /// </summary>
    public async Task<List<VerificationLogEntry>> LogAsync(Guid merchantId, Guid viewerId, int take = 100)
    {
        var assigned = db.StaffStores.Where(s => s.MerchantId == merchantId && s.UserId == viewerId);
        var rows = await (from attempt in db.VerificationAttempts
                          where attempt.MerchantId == merchantId && (!assigned.Any() || assigned.Any(s => s.StoreId == attempt.StoreId))
                          join clerk in db.Users on attempt.ClerkUserId equals clerk.Id
                          join store in db.Stores on attempt.StoreId equals store.Id
                          orderby attempt.At descending
                          select new
                          {
                              attempt,
                              ClerkName = clerk.DisplayName,
                              StoreName = store.Name,
                              ReversedByName = db.Users.Where(u => u.Id == attempt.ReversedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                              // A review rests on the uses before it (see VerificationReversal).
                              Reviewed = db.Vouchers.Any(v => v.Id == attempt.VoucherId && v.ReviewedAt != null && v.ReviewedAt >= attempt.At),
                              TotalUses = db.Vouchers.Where(v => v.Id == attempt.VoucherId).Select(v => (int?)v.TotalUses).FirstOrDefault(),
                              EarlierUses = db.VerificationAttempts.Count(o => o.VoucherId == attempt.VoucherId && o.Succeeded && o.ReversedAt == null && o.At < attempt.At),
                          })
            .Take(take).AsNoTracking().ToListAsync();
        var now = clock.GetUtcNow();
        var window = options.Value.ReversalWindow;
        return rows.Select(r =>
        {
            var a = r.attempt;
            // An external code (三方码) is reversed on its own tab, through its platform.
            var reversible = a.Succeeded && a.ExternalPlatform is null && a.ReversedAt is null && !r.Reviewed && now < a.At + window;
            var platform = platforms.FirstOrDefault(p => p.Platform == a.ExternalPlatform);
            var card = a.Succeeded && r.TotalUses > 1;
            return new VerificationLogEntry(a.Id, a.At, r.ClerkName, r.StoreName, a.Code, a.Succeeded, a.Outcome,
                a.ReversedAt, r.ReversedByName, a.ReversalReason, reversible ? a.At + window : null, a.ExternalPlatform,
                platform?.Name(chinese: false) ?? a.ExternalPlatform, platform?.Name(chinese: true) ?? a.ExternalPlatform,
                a.Succeeded ? a.ValueFen : null, card ? r.EarlierUses + 1 : null, card ? r.TotalUses : null, a.OutcomeZh);
        }).ToList();
    }
}
