using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record FreezeRequest(string? Reason);

public sealed record MerchantFrozen(Guid OwnerUserId, string MerchantName, string Reason) : IDomainEvent
{
    public Guid? NotifyUserId => OwnerUserId;
    public string NotificationTitle => "店铺已被冻结 / Your shop has been frozen";
    public string NotificationBody => $"{MerchantName}: {Reason}";
}

public sealed record MerchantUnfrozen(Guid OwnerUserId, string MerchantName) : IDomainEvent
{
    public Guid? NotifyUserId => OwnerUserId;
    public string NotificationTitle => "店铺已解冻 / Your shop is active again";
    public string NotificationBody => $"{MerchantName} is visible to consumers again. 店铺已恢复展示和售卖。";
}

/// <summary>
/// An admin freezes a merchant (it vanishes from discovery and takes no new orders; paid vouchers stay valid at
/// the counter) and unfreezes it. Each is one conditional update, so of two admins acting at once one gets 409.
/// </summary>
public sealed class MerchantFreezing(AppDbContext db, OutboxWriter outbox, TimeProvider clock, SearchIndex searchIndex)
{
    public async Task FreezeAsync(Guid merchantId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw Validation.Single("reason", "Give the reason for the freeze (at most 500 characters); the owner will read it.",
                "请填写冻结原因（不超过 500 字），商家会看到。");
        }

        var merchant = await FindAsync(merchantId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var changed = await db.Merchants.Where(m => m.Id == merchantId && m.Status == MerchantStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MerchantStatus.Frozen).SetProperty(m => m.FrozenAt, now).SetProperty(m => m.FrozenReason, reason.Trim()));
        if (changed == 0)
        {
            throw DomainException.Conflict("merchant_not_active", "This merchant is already frozen.", "该商家已被冻结。");
        }

        outbox.Add(new MerchantFrozen(merchant.OwnerUserId, merchant.Name, reason.Trim()));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
    }

    public async Task UnfreezeAsync(Guid merchantId)
    {
        var merchant = await FindAsync(merchantId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await db.Merchants.Where(m => m.Id == merchantId && m.Status == MerchantStatus.Frozen)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MerchantStatus.Active).SetProperty(m => m.FrozenAt, (DateTimeOffset?)null).SetProperty(m => m.FrozenReason, (string?)null));
        if (changed == 0)
        {
            throw DomainException.Conflict("merchant_not_frozen", "This merchant is not frozen.", "该商家未被冻结。");
        }

        outbox.Add(new MerchantUnfrozen(merchant.OwnerUserId, merchant.Name));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
    }

    /// <summary>The refusal the ordering code gives when a frozen merchant's deal is bought.</summary>
    public static DomainException FrozenRefusal() =>
        DomainException.Conflict("merchant_frozen", "This merchant is suspended and is not taking orders right now.", "该商家已被暂停营业，暂时无法下单。");

    private async Task<Merchant> FindAsync(Guid merchantId) =>
        await db.Merchants.AsNoTracking().SingleOrDefaultAsync(m => m.Id == merchantId) ?? throw DomainException.NotFound("Merchant", "商家");
}
