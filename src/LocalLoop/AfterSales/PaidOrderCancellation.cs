using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.AfterSales;

public sealed record CancelRequest(string? Reason);

/// <summary>
/// Cancels a paid order before the goods leave or the service starts (where its kind's state machine allows
/// → Cancelled): the state change, the release of its held stock and the refund of everything not yet refunded commit
/// in one transaction, so a cancelled order never keeps money or stock. Unpaid orders go through <see cref="OrderCancellation"/>.
/// </summary>
public sealed class PaidOrderCancellation(AppDbContext db, StockReservations reservations, OrderRefunds refunds, OutboxWriter outbox, TimeProvider clock)
{
    public async Task<OrderRefundResult> CancelByMerchantAsync(Guid merchantId, Guid orderId, string? reason, HttpRequest? current)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId && o.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Order", "订单");
        var check = new Validation();
        check.Required("reason", reason, 200, "Reason", "取消原因");
        check.ThrowIfAny();
        return await CancelAsync(order, OrderCancelReason.ByMerchant, current);
    }

    /// <summary>The consumer may take a paid order back only while the merchant has not accepted it yet.</summary>
    public async Task<OrderRefundResult> CancelByConsumerAsync(Order order, HttpRequest? current)
    {
        if (order.State != OrderState.Paid)
        {
            throw DomainException.Conflict("order_not_cancellable", $"This order is {order.State}; ask the merchant or request after-sales instead.",
                $"该订单状态为“{OrderStateMachine.Chinese(order.State)}”，不能自行取消，请联系商家或申请售后。");
        }

        return await CancelAsync(await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == order.Id), OrderCancelReason.ByConsumer, current);
    }

    private async Task<OrderRefundResult> CancelAsync(Order order, OrderCancelReason reason, HttpRequest? current)
    {
        if (order.State is OrderState.PendingPayment or OrderState.PayOnDelivery || !OrderStateMachine.CanMove(order.Kind, order.State, OrderState.Cancelled))
        {
            throw DomainException.Conflict("order_not_cancellable", $"An order that is {order.State} cannot be cancelled with a refund.",
                $"订单状态为“{OrderStateMachine.Chinese(order.State)}”，不能取消退款。");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var moved = await db.Orders.IgnoreQueryFilters().Where(o => o.Id == order.Id && o.State == order.State)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OrderState.Cancelled).SetProperty(o => o.CancelledAt, now).SetProperty(o => o.CancelReason, reason));
        if (moved == 0)
        {
            var state = await db.Orders.IgnoreQueryFilters().Where(o => o.Id == order.Id).Select(o => o.State).SingleAsync();
            throw DomainException.Conflict("order_state_changed", $"This order is now {state}; refresh and try again.",
                $"该订单已变为“{OrderStateMachine.Chinese(state)}”，请刷新后再试。");
        }

        foreach (var line in order.Lines.Where(l => l.LocationId is not null))
        {
            await reservations.ReleaseAsync(order.MerchantId, OrderLine.ReservationReference(order.Id, line.LineNumber));
        }

        // What is left of each line, read under the order row's lock that our state change holds.
        var left = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id && l.AmountFen > l.RefundedFen)
            .Select(l => new { l.LineNumber, Left = l.AmountFen - l.RefundedFen }).ToListAsync();
        var issued = left.Count == 0 ? [] : await refunds.IssueWithinAsync(order, [.. left.Select(l => (l.LineNumber, l.Left))], [OrderState.Cancelled]);
        outbox.Add(new OrderCancelled(order.ConsumerId, order.Id, order.DealTitle, reason));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await refunds.SendAsync(order.Id, issued, current);
    }
}
