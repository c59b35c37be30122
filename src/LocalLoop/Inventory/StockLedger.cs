using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Outbox;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

/// <summary>One SKU at one location of a merchant: the key of a stock level.</summary>
public readonly record struct StockKey(Guid MerchantId, Guid LocationId, Guid ProductId, Guid SkuId);

/// <summary>One person's low-stock alert: the owners, managers and warehouse staff of the merchant each get one.</summary>
public sealed record LowStockReached(Guid RecipientUserId, string Sku, string Location, int Available, int Threshold) : IDomainEvent
{
    public Guid? NotifyUserId => RecipientUserId;
    public string NotificationTitle => "库存预警 / Low stock";
    public string NotificationBody => $"{Sku} @ {Location}: 可用 {Available}（预警线 {Threshold}）/ {Available} available (alert at {Threshold}).";
}

/// <summary>
/// The only code that changes stock levels. Each change is one conditional UPDATE whose WHERE keeps
/// 0 ≤ reserved ≤ on-hand, so concurrent callers can never overdraw; every on-hand change appends its journal row
/// in the same unit of work. Callers open the transaction, call these, then save and commit.
/// </summary>
public sealed class StockLedger(AppDbContext db, TimeProvider clock, CurrentUser user, OutboxWriter outbox, InventorySkus skus, SoldOutMarks soldOut)
{
    /// <summary>
    /// Creates missing level rows (0 on hand) before the caller's transaction; a concurrent creator winning the
    /// insert is fine, the row exists either way.
    /// </summary>
    public async Task EnsureLevelsAsync(IEnumerable<StockKey> keys)
    {
        foreach (var key in keys.Distinct())
        {
            if (await Level(key).AnyAsync())
            {
                continue;
            }

            try
            {
                db.StockLevels.Add(new StockLevel { MerchantId = key.MerchantId, LocationId = key.LocationId, ProductId = key.ProductId, SkuId = key.SkuId });
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Adds <paramref name="delta"/> to on-hand; an outgoing change only as far as the available quantity covers it.</summary>
    public async Task MoveAsync(StockKey key, int delta, MovementKind kind, string reference, string note)
    {
        var moved = await Level(key).Where(l => l.OnHand - l.Reserved + delta >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.OnHand, l => l.OnHand + delta));
        if (moved == 0)
        {
            throw await ShortAsync(key, -delta);
        }

        if (delta > 0)
        {
            soldOut.Clear(key.SkuId);
        }

        await JournalAsync(key, delta, kind, reference, note);
    }

    /// <summary>Holds stock for a reservation: reserved grows only while available covers it.</summary>
    public async Task HoldAsync(StockKey key, int quantity)
    {
        // The common case in one statement: enough stock, and the hold does not cross an alert line. A checkout holds
        // the SKU's row from this update to its commit, so a second statement here would make every buyer wait longer.
        // Written out, not LINQ, for the same reason as the wallet debit at checkout (decision 0040).
        if (await db.Database.ExecuteSqlAsync($"""
                UPDATE "StockLevels" SET "Reserved" = "Reserved" + {quantity}
                WHERE "LocationId" = {key.LocationId} AND "SkuId" = {key.SkuId} AND "MerchantId" = {key.MerchantId}
                  AND "OnHand" - "Reserved" >= {quantity}
                  AND ("LowStockThreshold" IS NULL OR "LowStockAlerted" OR "OnHand" - "Reserved" - {quantity} > "LowStockThreshold")
                """) == 1)
        {
            return;
        }

        var held = await Level(key).Where(l => l.OnHand - l.Reserved >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Reserved, l => l.Reserved + quantity));
        if (held == 0)
        {
            throw await ShortAsync(key, quantity);
        }

        await CheckLowStockAsync(key);
    }

    /// <summary>Gives back held stock (a released reservation).</summary>
    public async Task UnholdAsync(StockKey key, int quantity)
    {
        await Level(key).Where(l => l.Reserved >= quantity).ExecuteUpdateAsync(s => s.SetProperty(l => l.Reserved, l => l.Reserved - quantity));
        soldOut.Clear(key.SkuId);
        await CheckLowStockAsync(key);
    }

    /// <summary>Sells held stock (a committed reservation): on-hand and reserved both go down, journalled as sales out.</summary>
    public async Task SellHeldAsync(StockKey key, int quantity, string reference)
    {
        var sold = await Level(key).Where(l => l.Reserved >= quantity && l.OnHand >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.OnHand, l => l.OnHand - quantity).SetProperty(l => l.Reserved, l => l.Reserved - quantity));
        if (sold == 0)
        {
            throw await ShortAsync(key, quantity);
        }

        await JournalAsync(key, -quantity, MovementKind.SalesOut, reference, "");
    }

    /// <summary>Sets or clears the alert threshold; a level already at or below it alerts now.</summary>
    public async Task SetThresholdAsync(StockKey key, int? threshold)
    {
        await Level(key).ExecuteUpdateAsync(s => s.SetProperty(l => l.LowStockThreshold, threshold).SetProperty(l => l.LowStockAlerted, false));
        await CheckLowStockAsync(key);
    }

    private async Task JournalAsync(StockKey key, int delta, MovementKind kind, string reference, string note)
    {
        // Read inside the transaction that holds the row's write lock: no one else can have moved it since.
        var onHand = await Level(key).Select(l => l.OnHand).SingleAsync();
        db.StockMovements.Add(new StockMovement
        {
            MerchantId = key.MerchantId,
            LocationId = key.LocationId,
            ProductId = key.ProductId,
            SkuId = key.SkuId,
            Kind = kind,
            Quantity = delta,
            OnHandAfter = onHand,
            Reference = reference,
            Note = note,
            ActorUserId = user.Id,
            ActorName = user.IsAuthenticated ? user.DisplayName : "system",
            At = clock.GetUtcNow(),
        });
        await CheckLowStockAsync(key);
    }

    /// <summary>
    /// One alert per low period: the flag flips with a conditional update, so of many movements crossing the
    /// threshold at once exactly one writes the message; recovering above the threshold clears the flag.
    /// </summary>
    private async Task CheckLowStockAsync(StockKey key)
    {
        var alerted = await Level(key).Where(l => l.LowStockThreshold != null && !l.LowStockAlerted && l.OnHand - l.Reserved <= l.LowStockThreshold)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LowStockAlerted, true));
        if (alerted == 0)
        {
            await Level(key).Where(l => l.LowStockAlerted && (l.LowStockThreshold == null || l.OnHand - l.Reserved > l.LowStockThreshold))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.LowStockAlerted, false));
            return;
        }

        var level = await Level(key).AsNoTracking().SingleAsync();
        var sku = (await skus.LabelsAsync(key.MerchantId, [key.SkuId])).GetValueOrDefault(key.SkuId);
        var location = await db.Warehouses.Where(w => w.Id == key.LocationId).Select(w => w.Name)
            .Concat(db.Stores.IgnoreQueryFilters().Where(s => s.Id == key.LocationId).Select(s => s.Name)).FirstOrDefaultAsync();
        foreach (var recipient in await AlertRecipientsAsync(key.MerchantId))
        {
            outbox.Add(new LowStockReached(recipient, sku is null ? key.SkuId.ToString() : $"{sku.Title} {sku.Spec}".Trim(), location ?? "",
                level.OnHand - level.Reserved, level.LowStockThreshold ?? 0));
        }
    }

    /// <summary>Whoever can act on low stock: the merchant's owner, and its active owners, managers and warehouse staff.</summary>
    private async Task<List<Guid>> AlertRecipientsAsync(Guid merchantId)
    {
        var owner = await db.Merchants.Where(m => m.Id == merchantId).Select(m => m.OwnerUserId).SingleAsync();
        var roleIds = db.Roles.Where(r => r.Name == Roles.MerchantOwner || r.Name == Roles.Manager || r.Name == Roles.Warehouse).Select(r => r.Id);
        var staff = await db.Users.Where(u => u.MerchantId == merchantId && u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync();
        return [.. staff.Prepend(owner).Distinct()];
    }

    private IQueryable<StockLevel> Level(StockKey key) =>
        db.StockLevels.Where(l => l.LocationId == key.LocationId && l.SkuId == key.SkuId && l.MerchantId == key.MerchantId);

    private async Task<DomainException> ShortAsync(StockKey key, int wanted)
    {
        var available = await Level(key).Select(l => l.OnHand - l.Reserved).FirstOrDefaultAsync();
        return DomainException.Conflict("insufficient_stock", $"Only {available} available here; {wanted} needed.",
            $"库存不足：此处可用 {available} 件，需要 {wanted} 件。");
    }
}
