using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Shipping;

/// <summary>
/// Sells a parcel's units of an order line from the stock held for that line (decision 0035). A line's hold is one
/// reservation; when a parcel takes only part of it, the hold is cut in two first — the parcel's units keep the
/// reservation (which is then committed, selling them) and the rest moves to a new held reservation named after the
/// parcel, for the parcels still to leave. Reserved stock does not change in the cut: the same units stay held.
/// Because the line's own reservation is committed by its first parcel, cancelling the order afterwards is refused,
/// exactly as for a whole line that has left.
/// </summary>
public sealed class ParcelStock(AppDbContext db, StockReservations reservations)
{
    public async Task SellAsync(Guid merchantId, Guid shipmentId, ShipmentLine line)
    {
        var lineReference = OrderLine.ReservationReference(line.OrderId, line.LineNumber);
        var restPrefix = $"{lineReference}:rest:";
        // One hold per line at a time: the line's own reservation, or the rest cut from it by the last parcel that left.
        var held = await db.StockReservations.AsNoTracking()
            .SingleOrDefaultAsync(r => r.MerchantId == merchantId && r.Status == ReservationStatus.Held && (r.Reference == lineReference || r.Reference.StartsWith(restPrefix)));
        if (held is null || held.Quantity < line.Quantity)
        {
            throw DomainException.Conflict("stock_not_held", $"Line {line.LineNumber} of order {line.OrderId} no longer holds {line.Quantity} unit(s).",
                $"订单 {line.OrderId} 第 {line.LineNumber} 行预留的库存已不足 {line.Quantity} 件。");
        }

        if (held.Quantity > line.Quantity)
        {
            var cut = await db.StockReservations.Where(r => r.Id == held.Id && r.Status == ReservationStatus.Held && r.Quantity == held.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Quantity, line.Quantity));
            if (cut == 0)
            {
                throw DomainException.Conflict("shipment_busy", "Another parcel of this order is leaving right now; try again.", "该订单的另一个包裹正在发出，请稍后重试。");
            }

            reservations.AddHeld(new StockKey(merchantId, held.LocationId, held.ProductId, held.SkuId), held.Quantity - line.Quantity, $"{restPrefix}{shipmentId:N}");
            await db.SaveChangesAsync();
        }

        await reservations.CommitAsync(merchantId, held.Reference);
    }
}
