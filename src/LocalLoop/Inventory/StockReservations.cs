using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

public sealed record ReservationView(Guid Id, string Reference, Guid LocationId, Guid ProductId, Guid SkuId, int Quantity, string Status)
{
    public static ReservationView Of(StockReservation r) => new(r.Id, r.Reference, r.LocationId, r.ProductId, r.SkuId, r.Quantity, r.Status.ToString());
}

/// <summary>
/// The service orders call: reserve stock when an order is placed, release it on cancel, commit it on shipping or
/// consumption. Each is keyed by the caller's reference and happens exactly once: a repeat answers the same
/// reservation and changes nothing.
/// </summary>
public sealed class StockReservations(AppDbContext db, StockLedger ledger, StockLocations locations, InventorySkus skus, TimeProvider clock)
{
    public async Task<ReservationView> ReserveAsync(Guid merchantId, Guid locationId, Guid productId, Guid skuId, int quantity, string reference)
    {
        var errors = new Validation();
        errors.Check("quantity", quantity is > 0 and <= StockLimits.MaxQuantity, $"Reserve from 1 to {StockLimits.MaxQuantity}.", $"预留数量须在 1 到 {StockLimits.MaxQuantity} 之间。");
        errors.Required("reference", reference, 100, "Reference", "预留单号");
        errors.ThrowIfAny();
        if (await FindAsync(merchantId, reference) is { } existing)
        {
            return SameOrConflict(existing, locationId, skuId, quantity);
        }

        await locations.RequireAsync(merchantId, locationId);
        await skus.RequireAsync(merchantId, [(productId, skuId)]);
        var key = new StockKey(merchantId, locationId, productId, skuId);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var reservation = await HoldWithinAsync(key, quantity, reference);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return ReservationView.Of(reservation);
        }
        catch (DbUpdateException)
        {
            // The same reference reserved concurrently: the unique index let one through, and this one rolled back.
            db.ChangeTracker.Clear();
            return SameOrConflict(await FindAsync(merchantId, reference) ?? throw new InvalidOperationException("Reservation insert failed."), locationId, skuId, quantity);
        }
    }

    /// <summary>
    /// Holds stock under <paramref name="reference"/> inside the caller's transaction, so that an order placing several
    /// lines holds all of them or none; the caller saves and commits. The key must be one of the merchant's SKUs.
    /// </summary>
    public async Task<StockReservation> HoldWithinAsync(StockKey key, int quantity, string reference)
    {
        await ledger.HoldAsync(key, quantity);
        return AddHeld(key, quantity, reference);
    }

    /// <summary>
    /// The reservation's row alone, for a caller that holds its stock itself later in the same transaction
    /// (<see cref="StockLedger.HoldAsync"/>, moving <see cref="StockReservation.LocationId"/> if it holds elsewhere) —
    /// a checkout inserts everything first and takes the stock row's lock last — or that moves units already held
    /// by another reservation to it (a parcel leaving with part of a line).
    /// </summary>
    public StockReservation AddHeld(StockKey key, int quantity, string reference)
    {
        var reservation = new StockReservation
        {
            Id = Guid.CreateVersion7(), MerchantId = key.MerchantId, LocationId = key.LocationId, ProductId = key.ProductId, SkuId = key.SkuId,
            Quantity = quantity, Reference = reference, Status = ReservationStatus.Held, CreatedAt = clock.GetUtcNow(),
        };
        db.StockReservations.Add(reservation);
        return reservation;
    }

    public Task<ReservationView> ReleaseAsync(Guid merchantId, string reference) => CloseAsync(merchantId, reference, ReservationStatus.Released);

    public Task<ReservationView> CommitAsync(Guid merchantId, string reference) => CloseAsync(merchantId, reference, ReservationStatus.Committed);

    /// <summary>
    /// Closes a held reservation exactly once. Joins the caller's transaction when there is one (an order cancelled or
    /// dispatched together with its reservations), else runs in its own.
    /// </summary>
    private async Task<ReservationView> CloseAsync(Guid merchantId, string reference, ReservationStatus to)
    {
        var reservation = await FindAsync(merchantId, reference) ?? throw DomainException.NotFound("Reservation", "库存预留");
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var won = await db.StockReservations.Where(r => r.Id == reservation.Id && r.Status == ReservationStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.ClosedAt, clock.GetUtcNow()));
        if (won == 1)
        {
            var key = new StockKey(merchantId, reservation.LocationId, reservation.ProductId, reservation.SkuId);
            if (to == ReservationStatus.Committed)
            {
                await ledger.SellHeldAsync(key, reservation.Quantity, reference);
            }
            else
            {
                await ledger.UnholdAsync(key, reservation.Quantity);
            }

            await db.SaveChangesAsync();
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync();
            }

            return ReservationView.Of(reservation) with { Status = to.ToString() };
        }

        var after = await FindAsync(merchantId, reference);
        if (after!.Status != to)
        {
            throw DomainException.Conflict("reservation_closed", $"This reservation was already {after.Status.ToString().ToLowerInvariant()}.",
                after.Status == ReservationStatus.Committed ? "该预留已出库，不能再释放。" : "该预留已释放，不能再出库。");
        }

        return ReservationView.Of(after);
    }

    private Task<StockReservation?> FindAsync(Guid merchantId, string reference) =>
        db.StockReservations.AsNoTracking().SingleOrDefaultAsync(r => r.MerchantId == merchantId && r.Reference == reference);

    private static ReservationView SameOrConflict(StockReservation existing, Guid locationId, Guid skuId, int quantity) =>
        existing.LocationId == locationId && existing.SkuId == skuId && existing.Quantity == quantity
            ? ReservationView.Of(existing)
            : throw DomainException.Conflict("reference_in_use", "This reference already holds a different reservation.", "该单号已用于另一笔库存预留。");
}

public static class StockLimits
{
    /// <summary>The most one line may move at once; keeps sums far from overflow.</summary>
    public const int MaxQuantity = 1_000_000;
}
