using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

public sealed record ProductReviewed(Guid OwnerUserId, string Title, bool Approved, string? Reason) : IDomainEvent
{
    public Guid? NotifyUserId => OwnerUserId;
    public string NotificationTitle => Approved ? "商品已通过审核 / Product approved" : "商品未通过审核 / Product rejected";
    public string NotificationBody => Approved ? $"{Title} is live; list it to put it on sale." : $"{Title}: {Reason}";
}

/// <summary>
/// A reviewer decides on a pending revision. Approval swaps it in as the live content in one transaction; rejection
/// leaves the live content as it was and gives the merchant the reason.
/// </summary>
public sealed class ProductReview(AppDbContext db, OutboxWriter outbox, TimeProvider clock, SearchIndex searchIndex)
{
    /// <summary>What consumers find changes here: the product's live content becomes this revision.</summary>
    public async Task ApproveAsync(Guid revisionId)
    {
        var revision = await PendingAsync(revisionId);
        var skus = await db.Skus.AsNoTracking().Where(s => s.RevisionId == revisionId).ToListAsync();
        var now = clock.GetUtcNow();
        var minPrice = skus.Min(s => s.PriceFen);
        var numbers = skus.Select(s => s.ItemNumber).ToList();
        var skuIds = skus.Select(s => s.Id).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync();
        await DecideAsync(revisionId, ProductStatus.Approved, null, now);
        await db.Products.IgnoreQueryFilters().Where(p => p.Id == revision.ProductId && p.WorkingRevisionId == revisionId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Title, revision.Title).SetProperty(p => p.CategoryCode, revision.CategoryCode).SetProperty(p => p.BrandId, revision.BrandId)
                .SetProperty(p => p.MinPriceFen, minPrice).SetProperty(p => p.LiveRevisionId, revisionId).SetProperty(p => p.WorkingRevisionId, (Guid?)null)
                .SetProperty(p => p.IsLive, true).SetProperty(p => p.Status, ProductStatus.Approved).SetProperty(p => p.UpdatedAt, now));
        // The old live revision's numbers that the new one dropped are free again.
        await db.SkuItemNumbers.Where(n => n.ProductId == revision.ProductId && !numbers.Contains(n.ItemNumber)).ExecuteDeleteAsync();
        await db.StoreSkuPrices.Where(p => p.ProductId == revision.ProductId && !skuIds.Contains(p.SkuId)).ExecuteDeleteAsync();
        await NotifyAsync(revision, approved: true, null);
        await transaction.CommitAsync();
        await searchIndex.RefreshMerchantAsync(revision.MerchantId);
    }

    public async Task RejectAsync(Guid revisionId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw Validation.Single("reason", "Give the merchant a reason for the rejection (at most 500 characters).", "请填写驳回理由（不超过 500 个字符），告知商家。");
        }

        var revision = await PendingAsync(revisionId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await DecideAsync(revisionId, ProductStatus.Rejected, reason.Trim(), clock.GetUtcNow());
        await db.Products.IgnoreQueryFilters().Where(p => p.Id == revision.ProductId && p.WorkingRevisionId == revisionId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProductStatus.Rejected));
        await NotifyAsync(revision, approved: false, reason.Trim());
        await transaction.CommitAsync();
    }

    private async Task<ProductRevision> PendingAsync(Guid revisionId) =>
        await db.ProductRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId) ?? throw DomainException.NotFound("Product revision", "商品版本");

    /// <summary>The conditional state change: of two reviewers deciding at once, the second finds it no longer pending.</summary>
    private async Task DecideAsync(Guid revisionId, ProductStatus decision, string? reason, DateTimeOffset now)
    {
        var changed = await db.ProductRevisions.Where(r => r.Id == revisionId && r.Status == ProductStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, decision).SetProperty(r => r.RejectionReason, reason).SetProperty(r => r.ReviewedAt, now));
        if (changed == 0)
        {
            throw DomainException.Conflict("already_reviewed", "This version is not waiting for review (already decided, or withdrawn).", "该版本不在待审核状态（可能已审核过），请刷新查看。");
        }
    }

    private async Task NotifyAsync(ProductRevision revision, bool approved, string? reason)
    {
        var ownerId = await db.Merchants.Where(m => m.Id == revision.MerchantId).Select(m => m.OwnerUserId).SingleAsync();
        outbox.Add(new ProductReviewed(ownerId, revision.Title, approved, reason));
        await db.SaveChangesAsync();
    }
}
