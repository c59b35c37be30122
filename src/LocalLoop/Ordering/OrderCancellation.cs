using LocalLoop.Inventory;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

public sealed record OrderCancelled(Guid ConsumerId, Guid OrderId, string DealTitle, OrderCancelReason Reason) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;

    public string NotificationTitle => Reason == OrderCancelReason.NotPaidInTime ? "订单超时未支付，已取消 / Cancelled: not paid in time" : "订单已取消 / Order cancelled";

    public string NotificationBody => Reason == OrderCancelReason.NotPaidInTime
        ? $"{DealTitle}：订单未在规定时间内支付，已自动取消。 / {DealTitle}: the order was not paid in time and has been cancelled."
        : $"{DealTitle}：订单已取消。 / {DealTitle}: the order has been cancelled.";
}

/// <summary>
/// Cancels an order nothing has been paid for yet (unpaid, or cash on delivery before the merchant accepted it): open
/// gateway trades are closed first (a trade the consumer already paid makes the order wait for its notification
/// instead), then the state moves to Cancelled by a conditional update, so a payment and a cancellation never both
/// win; the stock its lines hold is released in the same transaction.
/// </summary>
public sealed class OrderCancellation(AppDbContext db, PaymentProcessing payments, StockReservations reservations, OutboxWriter outbox, TimeProvider clock,
    AfterSales.PaidOrderCancellation paidCancellation)
{
    public async Task CancelByConsumerAsync(Guid consumerId, Guid orderId, HttpRequest? current)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.ConsumerId == consumerId)
            ?? throw DomainException.NotFound("Order", "订单");
        if (order.State == OrderState.Paid && order.DealId is null)
        {
            // Paid but not yet accepted: cancelling gives the money and the stock back (decision 0028).
            await paidCancellation.CancelByConsumerAsync(order, current);
            return;
        }

        if (!await CancelAsync(order, OrderCancelReason.ByConsumer, current))
        {
            var state = await db.Orders.Where(o => o.Id == orderId).Select(o => o.State).SingleAsync();
            throw DomainException.Conflict("order_not_cancellable", $"This order is {state} and can no longer be cancelled.",
                $"该订单状态为“{OrderStateMachine.Chinese(state)}”，不能取消。");
        }
    }

    /// <summary>True when this call cancelled the order; false when it was no longer unpaid. Throws when the gateway says it is paid there.</summary>
    public async Task<bool> CancelAsync(Order order, OrderCancelReason reason, HttpRequest? current)
    {
        if (order.State is not (OrderState.PendingPayment or OrderState.PayOnDelivery))
        {
            return false;
        }

        await payments.CloseOpenGatewayPaymentsAsync(order, current);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var moved = await db.Orders.IgnoreQueryFilters().Where(o => o.Id == order.Id && o.State == order.State)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OrderState.Cancelled).SetProperty(o => o.CancelledAt, now).SetProperty(o => o.CancelReason, reason));
        if (moved == 0)
        {
            return false;
        }

        var held = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id && l.LocationId != null).Select(l => l.LineNumber).ToListAsync();
        foreach (var line in held)
        {
            await reservations.ReleaseAsync(order.MerchantId, OrderLine.ReservationReference(order.Id, line));
        }

        outbox.Add(new OrderCancelled(order.ConsumerId, order.Id, order.DealTitle, reason));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }
}
