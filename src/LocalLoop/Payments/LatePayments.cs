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
        var first = await RecordAsync(
            () => db.Payments.Where(p => p.Id == payment.Id && (p.State == PaymentState.Pending || p.State == PaymentState.Cancelled))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Refunded).SetProperty(p => p.GatewayTransactionId, gatewayTransactionId)),
            () => [new LateMoney(payment.Id, payment.OrderId, payment.ConsumerId, payment.AmountFen, order.DealTitle, gatewayTransactionId)]);
        return await SendAsync(db.Set<LatePaymentRefund>().Where(r => r.PaymentId == payment.Id), first, current);
    }

    /// <summary>
    /// The gateway part of a checkout payment that was given up (its wallet hold already returned): the payment moves
    /// Cancelled → Refunded once, and each order gets its own share of it — the share a successful payment would have
    /// given it — as a refunded gateway <see cref="Payment"/> with its own late refund (decision 0033), so every order's
    /// page and payment history say what came back for it. The gateway receives one partial refund per order.
    /// </summary>
    public async Task<NotificationOutcome> RefundCheckoutAsync(CheckoutPayment payment, string gatewayTransactionId, HttpRequest? current)
    {
        var ids = payment.Orders();
        var orders = await db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        var walletShares = CheckoutPaymentSettlement.WalletShares(payment.WalletFen, [.. ids.Select(id => orders[id].TotalFen)]);
        var first = await RecordAsync(
            () => db.Set<CheckoutPayment>().Where(p => p.Id == payment.Id && p.State == CheckoutPaymentState.Cancelled)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, CheckoutPaymentState.Refunded).SetProperty(p => p.GatewayTransactionId, gatewayTransactionId)),
            () => [.. ids.Select((id, i) => (Order: orders[id], Fen: orders[id].TotalFen - walletShares[i], Number: i + 1)).Where(x => x.Fen > 0)
                .Select(x => RefundedShare(payment, x.Order, x.Fen, $"{payment.TradeNo}-{x.Number}", gatewayTransactionId))]);
        // A payment refunded before decision 0033 has one refund keyed by the checkout payment itself.
        return await SendAsync(db.Set<LatePaymentRefund>().Where(r => r.PaymentId == payment.Id
            || db.Payments.Any(p => p.Id == r.PaymentId && p.CheckoutPaymentId == payment.Id)), first, current);
    }

    /// <summary>One order's gateway share of a late checkout payment, kept as that order's refunded gateway payment.</summary>
    private LateMoney RefundedShare(CheckoutPayment payment, Ordering.Order order, long amountFen, string tradeNo, string gatewayTransactionId)
    {
        var share = new Payment
        {
            Id = Guid.CreateVersion7(),
            OrderId = order.Id,
            ConsumerId = order.ConsumerId,
            Method = PaymentMethod.SandboxGateway,
            AmountFen = amountFen,
            State = PaymentState.Refunded,
            TradeNo = tradeNo,
            GatewayTransactionId = gatewayTransactionId,
            CreatedAt = payment.CreatedAt,
            CheckoutPaymentId = payment.Id,
        };
        db.Payments.Add(share);
        return new LateMoney(share.Id, order.Id, order.ConsumerId, amountFen, order.DealTitle, gatewayTransactionId);
    }

    private sealed record LateMoney(Guid PaymentId, Guid OrderId, Guid ConsumerId, long AmountFen, string Title, string GatewayTransactionId);

    /// <summary>Sends each refund the gateway has not accepted yet; repeated with the same refund numbers until it has them all.</summary>
    private async Task<NotificationOutcome> SendAsync(IQueryable<LatePaymentRefund> refunds, bool first, HttpRequest? current)
    {
        foreach (var refund in await refunds.AsNoTracking().Where(r => r.GatewayRefundId == null).OrderBy(r => r.Id).ToListAsync())
        {
            try
            {
                var answer = await gateway.RefundAsync(gateway.BaseUrl(current),
                    new SandboxGateway.RefundTradeRequest(refund.GatewayTransactionId, refund.Id.ToString("N"), refund.AmountFen));
                await db.Set<LatePaymentRefund>().Where(r => r.Id == refund.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.GatewayRefundId, answer.RefundId));
            }
            catch (Exception ex) when (ex is GatewayException or HttpRequestException)
            {
                logger.LogWarning(ex, "Refund {RefundId} of a late payment not accepted by the gateway yet", refund.Id);
                return NotificationOutcome.LateRefundNotYetAccepted;
            }
        }

        return first ? NotificationOutcome.LateRefunded : NotificationOutcome.LateRefundRepeat;
    }

    /// <summary>
    /// The payment moves to Refunded and the money's way in and out is posted for each late share, in one transaction;
    /// false if another call did it first (then no share is recorded).
    /// </summary>
    private async Task<bool> RecordAsync(Func<Task<int>> moveToRefunded, Func<IReadOnlyList<LateMoney>> lateShares)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await moveToRefunded() == 0)
        {
            return false;
        }

        foreach (var late in lateShares())
        {
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
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }
}
