using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

/// <summary>
/// Ends a checkout payment, once, whichever way comes first: the gateway's notification pays every order of it in one
/// transaction; giving up (trade closed or failed, an order cancelled or paid another way) returns the held wallet
/// part; a notification for a payment that was given up sends the gateway part back (decision 0029). Each end is a
/// conditional update of the payment's state, so a notification and a cancellation never both win.
/// </summary>
public sealed class CheckoutPaymentSettlement(AppDbContext db, LedgerPostings ledger, OutboxWriter outbox, SandboxGatewayClient gateway,
    LatePayments latePayments, TimeProvider clock)
{
    public async Task<NotificationOutcome> CompleteFromGatewayAsync(CheckoutPayment payment, string gatewayTransactionId, HttpRequest? current)
    {
        if (await TryCompleteAsync(payment, gatewayTransactionId))
        {
            return NotificationOutcome.Completed;
        }

        if (await db.Set<CheckoutPayment>().Where(p => p.Id == payment.Id).Select(p => p.State).SingleAsync() == CheckoutPaymentState.Succeeded)
        {
            return NotificationOutcome.Repeat;
        }

        // The orders can no longer all take it: the hold goes back (if it still waits) and so does the gateway part.
        await ReleaseAsync(payment);
        return await latePayments.RefundCheckoutAsync(payment, gatewayTransactionId, current);
    }

    private async Task<bool> TryCompleteAsync(CheckoutPayment payment, string gatewayTransactionId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var won = await db.Set<CheckoutPayment>().Where(p => p.Id == payment.Id && p.State == CheckoutPaymentState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, CheckoutPaymentState.Succeeded).SetProperty(p => p.EndedAt, now)
                .SetProperty(p => p.GatewayTransactionId, gatewayTransactionId));
        // Leaving without commit undoes the payment's move when an order was cancelled or paid meanwhile.
        if (won == 0 || !await TryPayOrdersAsync(payment, Accounts.PaymentHolds, gatewayTransactionId))
        {
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// Within the caller's transaction: every order of the payment moves PendingPayment → Paid, or none does (false, and
    /// the caller rolls back). Each order gets a wallet and a gateway <see cref="Payment"/> for its share, and escrow receives its total.
    /// </summary>
    public async Task<bool> TryPayOrdersAsync(CheckoutPayment payment, string walletSource, string? gatewayTransactionId)
    {
        var ids = payment.Orders();
        var orders = await db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync();
        var now = clock.GetUtcNow();
        foreach (var order in orders)
        {
            if (await db.Orders.IgnoreQueryFilters().Where(o => o.Id == order.Id && o.State == OrderState.PendingPayment)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OrderState.Paid).SetProperty(o => o.PaidAt, now)) == 0)
            {
                return false;
            }
        }

        var walletShares = WalletShares(payment.WalletFen, [.. orders.Select(o => o.TotalFen)]);
        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            var walletShare = new Money(walletShares[i]);
            var gatewayShare = new Money(order.TotalFen) - walletShare;
            if (walletShare.IsPositive)
            {
                var paid = AddPayment(payment, order, PaymentMethod.Wallet, walletShare, Payment.NewTradeNo(), null);
                ledger.Post("payment", paid.Id, (walletSource, -walletShare), (Accounts.PlatformEscrow, walletShare));
            }

            if (gatewayShare.IsPositive)
            {
                var paid = AddPayment(payment, order, PaymentMethod.SandboxGateway, gatewayShare, $"{payment.TradeNo}-{i + 1}", gatewayTransactionId);
                ledger.Post("payment", paid.Id, (Accounts.SandboxGateway, -gatewayShare), (Accounts.PlatformEscrow, gatewayShare));
            }

            outbox.Add(new OrderPaid(order.ConsumerId, order.Id, order.DealTitle, order.Quantity, order.Kind));
        }

        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>
    /// The wallet part spread over the orders in proportion to their totals, remainder-exact: each order's share is the
    /// difference of the rounded-down running shares, so the shares add up to the wallet part and none exceeds its order.
    /// </summary>
    public static long[] WalletShares(long walletFen, IReadOnlyList<long> orderTotals)
    {
        var total = orderTotals.Sum();
        var shares = new long[orderTotals.Count];
        long running = 0, given = 0;
        for (var i = 0; i < shares.Length; i++)
        {
            running += orderTotals[i];
            var upToHere = (long)((Int128)walletFen * running / total);
            shares[i] = upToHere - given;
            given = upToHere;
        }

        return shares;
    }

    private Payment AddPayment(CheckoutPayment payment, Order order, PaymentMethod method, Money amount, string tradeNo, string? gatewayTransactionId)
    {
        var paid = new Payment
        {
            Id = Guid.CreateVersion7(),
            OrderId = order.Id,
            ConsumerId = order.ConsumerId,
            Method = method,
            AmountFen = amount.Fen,
            State = PaymentState.Succeeded,
            TradeNo = tradeNo,
            GatewayTransactionId = gatewayTransactionId,
            CreatedAt = payment.CreatedAt,
            SucceededAt = clock.GetUtcNow(),
            CheckoutPaymentId = payment.Id,
        };
        db.Payments.Add(paid);
        return paid;
    }

    /// <summary>Pending → Cancelled, and the held wallet part back to the wallet, in one transaction; false if the payment had already ended.</summary>
    public async Task<bool> ReleaseAsync(CheckoutPayment payment)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        if (await db.Set<CheckoutPayment>().Where(p => p.Id == payment.Id && p.State == CheckoutPaymentState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, CheckoutPaymentState.Cancelled).SetProperty(p => p.EndedAt, now)) == 0)
        {
            return false;
        }

        if (payment.WalletFen > 0)
        {
            await db.Wallets.Where(w => w.UserId == payment.ConsumerId).ExecuteUpdateAsync(s => s.SetProperty(w => w.BalanceFen, w => w.BalanceFen + payment.WalletFen));
            var held = new Money(payment.WalletFen);
            ledger.Post("checkout-payment-release", payment.Id, (Accounts.PaymentHolds, -held), (Accounts.ConsumerWallet(payment.ConsumerId), held));
            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>
    /// Gives up the open checkout payments that include this order, before the order is cancelled or paid on its own:
    /// the gateway trade is closed first, and if the consumer has already paid it there, the caller is refused.
    /// </summary>
    public async Task CloseOpenAsync(Order order, HttpRequest? current)
    {
        if (order.CheckoutId is not { } checkoutId)
        {
            return;
        }

        var id = order.Id.ToString();
        var open = await db.Set<CheckoutPayment>().AsNoTracking()
            .Where(p => p.CheckoutId == checkoutId && p.State == CheckoutPaymentState.Pending && p.OrderIds.Contains(id)).ToListAsync();
        foreach (var payment in open)
        {
            await CloseAsync(payment, current);
        }
    }

    /// <summary>
    /// Closes the payment's gateway trade and returns its hold (true if this call returned it); refused when the trade was
    /// paid at the gateway (its notification will settle it).
    /// </summary>
    public async Task<bool> CloseAsync(CheckoutPayment payment, HttpRequest? current)
    {
        if (payment.GatewayFen > 0 && !await gateway.CloseTradeAsync(gateway.BaseUrl(current), payment.TradeNo))
        {
            throw DomainException.Conflict("gateway_payment_in_progress", "This checkout has been paid at the payment gateway; its confirmation is on the way.",
                "该结算单已在支付平台付款，确认结果正在返回，请稍后刷新，无需重复支付。");
        }

        return await ReleaseAsync(payment);
    }
}
