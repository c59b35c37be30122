using LocalLoop.Discovery;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Deals;

/// <param name="UsesPerVoucher">1 (the default) for an ordinary voucher, 2 to 100 for a card (次卡) of that many uses.</param>
public sealed record DealRequest(string Title, string Contents, string Category, long PriceFen, long OriginalPriceFen, int ValidityDays, List<Guid> StoreIds,
    string? RefundPolicy = null, ValidityRulesRequest? Rules = null, int? UsesPerVoucher = null);

public sealed record DealReviewed(Guid OwnerUserId, string Title, bool Approved, string? Reason) : IDomainEvent
{
    public Guid? NotifyUserId => OwnerUserId;
    public string NotificationTitle => Approved ? "团购已上线 / Deal approved" : "团购未通过审核 / Deal rejected";
    public string NotificationBody => Approved ? $"{Title} is now visible to consumers." : $"{Title}: {Reason}";
}

/// <summary>An owner creates group-buy deals; a reviewer approves them (then consumers see them) or rejects them with a reason.</summary>
public sealed class DealManagement(AppDbContext db, OutboxWriter outbox, TimeProvider clock, SearchIndex searchIndex)
{
    public const int MaxValidityDays = 365;

    public async Task<Deal> CreateAsync(Guid merchantId, DealRequest request)
    {
        var errors = new Validation();
        errors.Required(nameof(request.Title), request.Title, 100, "Title", "标题");
        errors.Required(nameof(request.Contents), request.Contents, 2000, "Contents", "套餐内容");
        errors.Check(nameof(request.Category), Categories.Exists(request.Category), "Choose one of the listed categories.", "请从列表中选择一个类目。");
        errors.Check(nameof(request.PriceFen), request.PriceFen > 0, "Price must be more than zero.", "价格必须大于 0。");
        errors.Check(nameof(request.PriceFen), request.PriceFen <= 10_000_000, "Price must be at most ¥100,000.", "价格不能超过 ¥100,000。");
        errors.Check(nameof(request.OriginalPriceFen), request.OriginalPriceFen >= request.PriceFen, "Original price must be at least the price.", "原价不能低于团购价。");
        var rules = (request.Rules ?? new ValidityRulesRequest()).ToRules(errors, DateOnly.FromDateTime(ValidityRules.Local(clock.GetUtcNow()).DateTime));
        // A fixed window replaces "N days from purchase": validityDays is then ignored and set to the window's length.
        var validityDays = rules.HasFixedWindow ? rules.WindowEnd!.Value.DayNumber - rules.WindowStart!.Value.DayNumber + 1 : request.ValidityDays;
        errors.Check(nameof(request.ValidityDays), rules.HasFixedWindow || request.ValidityDays is > 0 and <= MaxValidityDays,
            $"Validity must be 1 to {MaxValidityDays} days.", $"有效期须为 1 到 {MaxValidityDays} 天。");
        var policy = RefundPolicy.AnyTime;
        errors.Check(nameof(request.RefundPolicy), request.RefundPolicy is null || RefundPolicies.TryParse(request.RefundPolicy, out policy),
            "Refund policy must be AnyTime (refund any time, auto-refund at expiry), ExpiryOnly (auto-refund at expiry only) or None (no refund).",
            "退款规则须为 AnyTime（随时退 · 过期自动退）、ExpiryOnly（过期自动退）或 None（不可退）。");
        var uses = request.UsesPerVoucher ?? 1;
        errors.Check(nameof(request.UsesPerVoucher), uses is >= 1 and <= Vouchers.CardUses.Max,
            $"Uses per voucher must be 1 to {Vouchers.CardUses.Max}: 1 for an ordinary voucher, more for a card.", $"每张券可用次数须为 1 到 {Vouchers.CardUses.Max}：1 为普通券，2 及以上为次卡。");
        var storeIds = (request.StoreIds ?? []).Distinct().ToList();
        errors.Check(nameof(request.StoreIds), storeIds.Count > 0, "Choose at least one store that honours the deal.", "请至少选择一家适用门店。");
        errors.ThrowIfAny();

        var ownStores = await db.Stores.Where(s => s.MerchantId == merchantId && storeIds.Contains(s.Id)).CountAsync();
        if (ownStores != storeIds.Count)
        {
            throw DomainException.NotFound("Store", "门店");
        }

        var deal = new Deal
        {
            Id = Guid.CreateVersion7(),
            MerchantId = merchantId,
            Title = request.Title.Trim(),
            Contents = request.Contents.Trim(),
            Category = request.Category,
            PriceFen = request.PriceFen,
            OriginalPriceFen = request.OriginalPriceFen,
            ValidityDays = validityDays,
            RefundPolicy = policy,
            Rules = rules,
            UsesPerVoucher = uses,
            Status = DealStatus.PendingReview,
            CreatedAt = clock.GetUtcNow(),
            Stores = storeIds.Select(id => new DealStore { StoreId = id }).ToList(),
        };
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        return deal;
    }

    public async Task ReviewAsync(Guid dealId, bool approve, string? reason)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            throw Validation.Single("reason", "Give the merchant a reason for the rejection.", "请填写驳回理由，告知商家。");
        }

        var deal = await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dealId) ?? throw DomainException.NotFound("Deal", "团购");
        var ownerId = await db.Merchants.Where(m => m.Id == deal.MerchantId).Select(m => m.OwnerUserId).SingleAsync();
        var decision = approve ? DealStatus.Approved : DealStatus.Rejected;
        var rejection = approve ? null : reason!.Trim();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await db.Deals.Where(d => d.Id == dealId && d.Status == DealStatus.PendingReview)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, decision).SetProperty(d => d.RejectionReason, rejection));
        if (changed == 0)
        {
            throw DomainException.Conflict("already_reviewed", "This deal has already been reviewed.", "该团购已审核过，请刷新查看结果。");
        }

        outbox.Add(new DealReviewed(ownerId, deal.Title, approve, rejection));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (approve)
        {
            await searchIndex.RefreshMerchantAsync(deal.MerchantId);
        }
    }
}
