using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Shipping;

public sealed record DispatchRequest(string? TrackingNumber);

/// <summary>
/// A parcel leaves: in one transaction exactly its units are sold from its lines' held stock, and every order whose
/// units have now all left becomes Dispatched. An order cancelled since the parcel was planned stops the dispatch, so
/// nothing leaves for it.
/// </summary>
public sealed class ShipmentDispatch(AppDbContext db, ParcelStock stock, OrderFulfilment fulfilment, TimeProvider clock)
{
    public async Task<Shipment> DispatchAsync(Guid merchantId, Guid shipmentId, DispatchRequest request)
    {
        var errors = new Validation();
        errors.Required("trackingNumber", request.TrackingNumber, 40, "Tracking number", "快递单号");
        errors.ThrowIfAny();
        var shipment = await db.Shipments.AsNoTracking().Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == shipmentId && s.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Shipment", "包裹");
        var orderIds = shipment.Lines.Select(l => l.OrderId).Distinct().Order().ToList();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var won = await db.Shipments.Where(s => s.Id == shipmentId && s.State == ShipmentState.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, ShipmentState.Dispatched).SetProperty(x => x.TrackingNumber, request.TrackingNumber!.Trim())
                .SetProperty(x => x.DispatchedAt, clock.GetUtcNow()));
        if (won == 0)
        {
            throw DomainException.Conflict("shipment_dispatched", "This parcel has already left.", "该包裹已发出。");
        }

        // Lock the parcel's orders, one by one in id order: two parcels of one order leaving at once then count each
        // other's units, and a cancellation cannot slip in between the check below and the sale.
        foreach (var orderId in orderIds)
        {
            await db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, o => o.State));
        }

        if (await db.Orders.AnyAsync(o => orderIds.Contains(o.Id) && o.State == OrderState.Cancelled))
        {
            throw DomainException.Conflict("order_cancelled", "An order in this parcel was cancelled; take the parcel apart and pack it again.",
                "包裹中有订单已取消，请拆除包裹后重新打包。");
        }

        foreach (var line in shipment.Lines.OrderBy(l => l.OrderId).ThenBy(l => l.LineNumber))
        {
            await stock.SellAsync(merchantId, shipmentId, line);
        }

        foreach (var orderId in orderIds)
        {
            var ordered = await db.Set<OrderLine>().Where(l => l.OrderId == orderId).SumAsync(l => l.Quantity);
            var left = await (from l in db.Set<ShipmentLine>()
                              join s in db.Shipments on l.ShipmentId equals s.Id
                              where l.OrderId == orderId && s.State == ShipmentState.Dispatched
                              select l.Quantity).SumAsync();
            if (left == ordered)
            {
                await fulfilment.MarkDispatchedAsync(merchantId, orderId);
            }
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await db.Shipments.AsNoTracking().Include(s => s.Lines).SingleAsync(s => s.Id == shipmentId);
    }
}
