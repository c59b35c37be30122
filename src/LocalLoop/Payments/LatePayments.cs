using LocalLoop.Ledger;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

/// <summary>What a checked gateway notification did; the gateway is acknowledged unless a refund still has to reach it.</summary>
public enum NotificationOutcome
{
    Completed,
    Repeat,
    LateRefunded,
    LateRefundRepeat,
    LateRefundNotYetAccepted,
}

public sealed record LatePaymentRefunded(Guid ConsumerId, Guid OrderId, string DealTitle, long AmountFen) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;

    public string NotificationTitle => "支付款已原路退回 / Payment refunded";

    public string NotificationBody =>
        $"{DealTitle}：订单已取消或已用其他方式支付，在线支付的 {new Money(AmountFen)} 已原路退回。 / "
        + $"Your online payment of {new Money(AmountFen)} arrived after the order was cancelled or paid another way, and has been refunded to where it came from.";
}

/// <summary>
/// Money the gateway collected for an order that can no longer take it — cancelled (the payer's payment crossed the
/// close), or already paid by wallet or another trade — goes back through the gateway's refund API. The payment's
/// conditional move to Refunded (and the unique refund row behind it) makes that happen once, however many
/// notifications arrive on however many nodes; the gateway call happens after the commit and is repeated, with the
/// same refund number, by the gateway's next notification until the gateway accepts it.
/// </summary>
public sealed class LatePayments(AppDbContext db, LedgerPostings ledger, OutboxWriter outbox, SandboxGatewayClient gateway, TimeProvider clock,
    ILogger<LatePayments> logger)
{
    public async Task<NotificationOutcome> RefundAsync(Payment payment, string gatewayTransactionId, HttpRequest? current)
    {
        var order = await db.Orders.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == payment.OrderId);
        var first = await RecordAsync(new LateMoney(payment.Id, payment.OrderId, payment.ConsumerId, payment.AmountFen, order.DealTitle, gatewayTransactionId),
            () => db.Payments.Where(p => p.Id == payment.Id && (p.State == PaymentState.Pending || p.State == PaymentState.Cancelled))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Refunded).SetProperty(p => p.GatewayTransactionId, gatewayTransactionId)));
        return await SendAsync(payment.Id, first, current);
    }

    /// <summary>
    /// The gateway part of a checkout payment that was given up (its wallet hold already returned): the payment moves
    /// Cancelled → Refunded once, and the refund is recorded against the checkout's first order.
    /// </summary>
    public async Task<NotificationOutcome> RefundCheckoutAsync(CheckoutPayment payment, string title, string gatewayTransactionId, HttpRequest? current)
    {
        var first = await RecordAsync(new LateMoney(payment.Id, payment.Orders()[0], payment.ConsumerId, payment.GatewayFen, title, gatewayTransactionId),
            () => db.Set<CheckoutPayment>().Where(p => p.Id == payment.Id && p.State == CheckoutPaymentState.Cancelled)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, CheckoutPaymentState.Refunded).SetProperty(p => p.GatewayTransactionId, gatewayTransactionId)));
        return await SendAsync(payment.Id, first, current);
    }

    private sealed record LateMoney(Guid PaymentId, Guid OrderId, Guid ConsumerId, long AmountFen, string Title, string GatewayTransactionId);

    private async Task<NotificationOutcome> SendAsync(Guid paymentId, bool first, HttpRequest? current)
    {
        var refund = await db.Set<LatePaymentRefund>().AsNoTracking().SingleAsync(r => r.PaymentId == paymentId);
        if (refund.GatewayRefundId is not null)
        {
            return first ? NotificationOutcome.LateRefunded : NotificationOutcome.LateRefundRepeat;
        }

        try
        {
            var answer = await gateway.RefundAsync(gateway.BaseUrl(current),
                new SandboxGateway.RefundTradeRequest(refund.GatewayTransactionId, refund.Id.ToString("N"), refund.AmountFen));
            await db.Set<LatePaymentRefund>().Where(r => r.Id == refund.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.GatewayRefundId, answer.RefundId));
            return first ? NotificationOutcome.LateRefunded : NotificationOutcome.LateRefundRepeat;
        }
        catch (Exception ex) when (ex is GatewayException or HttpRequestException)
        {
            logger.LogWarning(ex, "Refund of late payment {PaymentId} not accepted by the gateway yet", paymentId);
            return NotificationOutcome.LateRefundNotYetAccepted;
        }
    }

    /// <summary>The payment moves to Refunded and the money's way in and out is posted, in one transaction; false if another call did it first.</summary>
    private async Task<bool> RecordAsync(LateMoney late, Func<Task<int>> moveToRefunded)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await moveToRefunded() == 0)
        {
            return false;
        }

        var refund = new LatePaymentRefund
        {
            Id = Guid.CreateVersion7(),
            PaymentId = late.PaymentId,
            OrderId = late.OrderId,
            ConsumerId = late.ConsumerId,
            AmountFen = late.AmountFen,
            GatewayTransactionId = late.GatewayTransactionId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(refund);
        var amount = new Money(late.AmountFen);
        ledger.Post("late-payment", late.PaymentId, (Accounts.SandboxGateway, -amount), (Accounts.LatePayments, amount));
        ledger.Post("late-payment-refund", refund.Id, (Accounts.LatePayments, -amount), (Accounts.SandboxGateway, amount));
        outbox.Add(new LatePaymentRefunded(late.ConsumerId, late.OrderId, late.Title, late.AmountFen));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }
}
