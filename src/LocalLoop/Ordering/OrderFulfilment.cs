using LocalLoop.Inventory;
using LocalLoop.Ledger;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

public sealed record OrderProgressed(Guid ConsumerId, Guid OrderId, string Title, OrderState State) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;

    public string NotificationTitle => State switch
    {
        OrderState.Accepted => "商家已接单 / Order accepted",
        OrderState.ReadyForPickup => "可以取货了 / Ready for pickup",
        OrderState.Dispatched => "订单已发出 / On its way",
        OrderState.InService => "服务已开始 / Service started",
        _ => "订单已完成 / Order completed",
    };

    public string NotificationBody => $"{Title}：{OrderStateMachine.Chinese(State)} / {Title}: {State}.";
}

/// <summary>
/// Moves a line order along its kind's state machine after payment: the merchant accepts, readies, dispatches and
/// completes it; the consumer confirms receipt. Stock held at checkout is sold when the goods leave (dispatch, or
/// completion for what is collected or served); completion closes the loop: the escrow goes to the merchant minus the
/// commission, or for cash on delivery the merchant owes the commission on the cash it collected.
/// </summary>
public sealed class OrderFulfilment(AppDbContext db, StockReservations reservations, LedgerPostings ledger, OutboxWriter outbox, TimeProvider clock)
{
    private static readonly OrderState[] MerchantMoves = [OrderState.Accepted, OrderState.ReadyForPickup, OrderState.Dispatched, OrderState.InService, OrderState.Completed];

    public async Task<Order> MoveByMerchantAsync(Guid merchantId, Guid orderId, OrderState to)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId && o.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Order", "订单");
        if (!MerchantMoves.Contains(to) || (to == OrderState.Completed && order.Kind == OrderKind.Shipping))
        {
            // A shipped parcel is completed by the consumer who received it, not by the sender.
            throw DomainException.Conflict("invalid_order_state", $"A merchant cannot make this order {to}.", $"商家不能把该订单改为“{OrderStateMachine.Chinese(to)}”。");
        }

        if (to == OrderState.Dispatched && await db.Set<Shipping.ShipmentLine>().AnyAsync(l => l.OrderId == orderId))
        {
            throw DomainException.Conflict("shipped_in_parcels", "This order leaves in parcels: dispatch its parcels instead.", "该订单已打包为包裹，请逐个发出包裹。");
        }

        return await MoveAsync(order, to);
    }

    /// <summary>The last parcel of the order has left (<see cref="Shipping.ShipmentDispatch"/>), inside its transaction.</summary>
    public async Task MarkDispatchedAsync(Guid merchantId, Guid orderId)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == orderId && o.MerchantId == merchantId);
        await MoveAsync(order, OrderState.Dispatched);
    }

    public async Task<Order> ConfirmReceiptAsync(Guid consumerId, Guid orderId)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId && o.ConsumerId == consumerId)
            ?? throw DomainException.NotFound("Order", "订单");
        if (order.State != OrderState.Dispatched)
        {
            throw DomainException.Conflict("not_dispatched", "Only an order on its way can be confirmed as received.", "只有配送中或已发货的订单才能确认收货。");
        }

        return await MoveAsync(order, OrderState.Completed);
    }

    private async Task<Order> MoveAsync(Order order, OrderState to)
    {
        OrderStateMachine.EnsureCanMove(order.Kind, order.State, to);
        var now = clock.GetUtcNow();
        // Joins the caller's transaction when there is one (a parcel dispatching its orders).
        await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var moved = await db.Orders.Where(o => o.Id == order.Id && o.State == order.State)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, to)
                .SetProperty(o => o.CompletedAt, o => to == OrderState.Completed ? now : o.CompletedAt)
                .SetProperty(o => o.PaidAt, o => to == OrderState.Completed && o.CashOnDelivery ? now : o.PaidAt));
        if (moved == 0)
        {
            var current = await db.Orders.Where(o => o.Id == order.Id).Select(o => o.State).SingleAsync();
            throw DomainException.Conflict("order_state_changed", $"This order is now {current}; refresh and try again.",
                $"该订单已变为“{OrderStateMachine.Chinese(current)}”，请刷新后再试。");
        }

        if (to is OrderState.Dispatched or OrderState.Completed)
        {
            foreach (var line in order.Lines.Where(l => l.LocationId is not null))
            {
                await reservations.CommitAsync(order.MerchantId, OrderLine.ReservationReference(order.Id, line.LineNumber));
            }
        }

        if (to == OrderState.Completed)
        {
            // Read under the row lock our update holds: a refund cannot slip in between.
            Settle(order, await db.Orders.Where(o => o.Id == order.Id).Select(o => o.RefundedFen).SingleAsync());
        }

        outbox.Add(new OrderProgressed(order.ConsumerId, order.Id, order.DealTitle, to));
        await db.SaveChangesAsync();
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync();
        }

        return await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == order.Id);
    }

    /// <summary>Commission is charged only on what was consumed: the paid amount less what was refunded.</summary>
    private void Settle(Order order, long refundedFen)
    {
        var rate = new CommissionRate(order.CommissionRateBasisPoints);
        if (order.CashOnDelivery)
        {
            // The cash went to the merchant's courier; the platform's share is owed by the merchant.
            var commission = new Money(order.TotalFen).ShareAt(rate);
            ledger.Post("cod-completion", order.Id, (Accounts.MerchantPending(order.MerchantId), -commission), (Accounts.PlatformRevenue, commission));
            return;
        }

        var consumed = new Money(order.TotalFen - refundedFen);
        var share = consumed.ShareAt(rate);
        ledger.Post("order-completion", order.Id, (Accounts.PlatformEscrow, -consumed), (Accounts.MerchantPending(order.MerchantId), consumed - share),
            (Accounts.PlatformRevenue, share));
    }
}
