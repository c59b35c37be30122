using LocalLoop.Deals;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using LocalLoop.SandboxGateway;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

public sealed record PayRequest(string Method);

public sealed record PayResult(Guid OrderId, string OrderState, string Method, string? CashierUrl, List<string> VoucherCodes);

public sealed record OrderPaid(Guid ConsumerId, Guid OrderId, string DealTitle, int Quantity, OrderKind Kind = OrderKind.DealVoucher) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;
    public string NotificationTitle => "支付成功 / Payment received";

    public string NotificationBody => Kind == OrderKind.DealVoucher
        ? $"{Quantity} × {DealTitle}: your vouchers are in My vouchers."
        : $"{DealTitle}：已支付，等待商家处理。 / {DealTitle}: paid; the merchant will take it from here.";
}

/// <summary>
/// Pays an order from the wallet, or starts a gateway payment whose signed notification completes it.
/// Completing moves the money into escrow and issues the vouchers, all in one transaction, exactly once.
/// </summary>
public sealed class PaymentProcessing(AppDbContext db, LedgerPostings ledger, VoucherIssuer issuer, OutboxWriter outbox,
    SandboxGatewayClient gateway, LatePayments latePayments, TimeProvider clock, CheckoutPaymentSettlement checkoutPayments)
{
    public async Task<PayResult> PayAsync(Guid consumerId, Guid orderId, string? method, HttpRequest? current)
    {
        // With the order, whether a gateway trade for it is open (its own, or its checkout's): usually not, and then
        // paying from the wallet needs no other read before its transaction.
        var id = orderId.ToString();
        var found = await db.Orders.AsNoTracking().Where(o => o.Id == orderId && o.ConsumerId == consumerId)
            .Select(o => new
            {
                Order = o,
                OpenGatewayPayment = db.Payments.Any(p => p.OrderId == o.Id && p.Method == PaymentMethod.SandboxGateway && p.State == PaymentState.Pending)
                    || db.Set<CheckoutPayment>().Any(p => p.CheckoutId == o.CheckoutId && p.State == CheckoutPaymentState.Pending && p.OrderIds.Contains(id)),
            })
            .SingleOrDefaultAsync() ?? throw DomainException.NotFound("Order", "订单");
        var order = found.Order;
        if (order.State != OrderState.PendingPayment)
        {
            throw DomainException.Conflict("order_not_payable", $"This order is already {order.State} and cannot be paid again.",
                $"该订单状态为“{OrderStateMachine.Chinese(order.State)}”，不能再次支付。");
        }

        return method?.ToLowerInvariant() switch
        {
            "wallet" => await PayFromWalletAsync(order, found.OpenGatewayPayment, current),
            "gateway" or "sandboxgateway" => await StartGatewayPaymentAsync(order, current),
            _ => throw Validation.Single("method", "Payment method must be 'wallet' or 'gateway'.", "请选择支付方式：钱包余额支付或在线支付。"),
        };
    }

    private async Task<PayResult> PayFromWalletAsync(Order order, bool openGatewayPayment, HttpRequest? current)
    {
        if (openGatewayPayment)
        {
            await CloseOpenGatewayPaymentsAsync(order, current);
        }

        // Nothing here retries a failed save inside the transaction: no savepoint round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        // The balance check and the debit are one conditional statement, so concurrent payments cannot overdraw.
        var debited = await db.Wallets.Where(w => w.UserId == order.ConsumerId && w.BalanceFen >= order.TotalFen)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.BalanceFen, w => w.BalanceFen - order.TotalFen));
        if (debited == 0)
        {
            throw InsufficientBalance(new Money(order.TotalFen));
        }

        var payment = NewPayment(order, PaymentMethod.Wallet);
        payment.State = PaymentState.Succeeded;
        payment.SucceededAt = clock.GetUtcNow();
        db.Payments.Add(payment);
        var codes = await CompleteOrderAsync(order, payment, Accounts.ConsumerWallet(order.ConsumerId));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new PayResult(order.Id, nameof(OrderState.Paid), "wallet", null, codes);
    }

    /// <summary>
    /// A consumer who opened the gateway's cashier and then pays from the wallet (or cancels) must not pay twice: the
    /// open gateway trades (the order's own, and its checkout's payment, whose wallet hold goes back) are closed first, and if the consumer has already paid it there, the wallet payment (or the
    /// cancellation) is refused.
    /// </summary>
    public async Task CloseOpenGatewayPaymentsAsync(Order order, HttpRequest? current)
    {
        await checkoutPayments.CloseOpenAsync(order, current);
        var open = await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == order.Id && p.Method == PaymentMethod.SandboxGateway && p.State == PaymentState.Pending).ToListAsync();
        foreach (var payment in open)
        {
            if (!await gateway.CloseTradeAsync(gateway.BaseUrl(current), payment.TradeNo))
            {
                throw DomainException.Conflict("gateway_payment_in_progress", "This order has been paid at the payment gateway; its confirmation is on the way.",
                    "该订单已在支付平台付款，确认结果正在返回，请稍后刷新，无需重复支付。");
            }

            await db.Payments.Where(p => p.Id == payment.Id && p.State == PaymentState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Cancelled));
        }
    }

    private async Task<PayResult> StartGatewayPaymentAsync(Order order, HttpRequest? current)
    {
        // Paying this order alone gives up a payment of its whole checkout (and returns that payment's wallet hold).
        await checkoutPayments.CloseOpenAsync(order, current);
        var payment = await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.OrderId == order.Id && p.Method == PaymentMethod.SandboxGateway && p.State == PaymentState.Pending);
        if (payment is not null && await gateway.QueryTradeAsync(gateway.BaseUrl(current), payment.TradeNo) is { State: nameof(SandboxTradeState.Failed) or nameof(SandboxTradeState.Closed) })
        {
            // The last attempt was declined or closed at the gateway: that trade can never be paid, so start a new one.
            await db.Payments.Where(p => p.Id == payment.Id && p.State == PaymentState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Cancelled));
            payment = null;
        }

        if (payment is null)
        {
            payment = NewPayment(order, PaymentMethod.SandboxGateway);
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
        }

        var baseUrl = gateway.BaseUrl(current);
        var appUrl = gateway.AppUrl(current);
        var trade = await gateway.CreateTradeAsync(baseUrl, new CreateTradeRequest(payment.TradeNo, payment.AmountFen, order.DealTitle,
            NotifyUrl: $"{appUrl}/api/payments/sandbox/notify", ReturnUrl: $"{appUrl}/orders/{order.Id}", SubMerchantId: order.MerchantId.ToString()));
        return new PayResult(order.Id, nameof(OrderState.PendingPayment), "gateway", trade.CashierUrl, []);
    }

    /// <summary>
    /// Called for a gateway notification whose signature and amount were checked. Completes the order when it can
    /// still be paid; when it cannot (cancelled, paid another way, or this attempt was given up on), the money is sent
    /// back through the gateway, once (<see cref="LatePayments"/>).
    /// </summary>
    public async Task<NotificationOutcome> CompleteGatewayPaymentAsync(Payment payment, string gatewayTransactionId, HttpRequest? current)
    {
        if (await TryCompleteGatewayPaymentAsync(payment, gatewayTransactionId))
        {
            return NotificationOutcome.Completed;
        }

        if (await db.Payments.Where(p => p.Id == payment.Id).Select(p => p.State).SingleAsync() == PaymentState.Succeeded)
        {
            return NotificationOutcome.Repeat;
        }

        return await latePayments.RefundAsync(payment, gatewayTransactionId, current);
    }

    private async Task<bool> TryCompleteGatewayPaymentAsync(Payment payment, string gatewayTransactionId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        var won = await db.Payments.Where(p => p.Id == payment.Id && p.State == PaymentState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentState.Succeeded).SetProperty(p => p.SucceededAt, now)
                .SetProperty(p => p.GatewayTransactionId, gatewayTransactionId));
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == payment.OrderId);
        // Cancelled or paid by wallet meanwhile: leaving without commit rolls the payment back to Pending.
        if (won == 0 || !await TryMarkPaidAsync(order))
        {
            return false;
        }

        await FulfilAsync(order, payment, Accounts.SandboxGateway);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }

    private async Task<List<string>> CompleteOrderAsync(Order order, Payment payment, string paidFromAccount)
    {
        OrderStateMachine.EnsureCanMove(order.Kind, order.State, OrderState.Paid);
        if (!await TryMarkPaidAsync(order))
        {
            throw DomainException.Conflict("order_not_payable", "This order has already been paid or was cancelled.", "该订单已支付或已取消，不能支付。");
        }

        return await FulfilAsync(order, payment, paidFromAccount);
    }

    /// <summary>The conditional update makes the check hold under concurrency: only one payment, or a cancellation, moves the order.</summary>
    private async Task<bool> TryMarkPaidAsync(Order order)
    {
        var now = clock.GetUtcNow();
        return await db.Orders.Where(o => o.Id == order.Id && o.State == OrderState.PendingPayment)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OrderState.Paid).SetProperty(o => o.PaidAt, now)) == 1;
    }

    /// <summary>Paid money waits in escrow until consumption. A deal's vouchers are issued now; a line order's stock is already held.</summary>
    private async Task<List<string>> FulfilAsync(Order order, Payment payment, string paidFromAccount)
    {
        var amount = new Money(order.TotalFen);
        ledger.Post("payment", payment.Id, (paidFromAccount, -amount), (Accounts.PlatformEscrow, amount));
        outbox.Add(new OrderPaid(order.ConsumerId, order.Id, order.DealTitle, order.Quantity, order.Kind));
        if (order.DealId is not { } dealId)
        {
            return [];
        }

        var terms = await db.Deals.Where(d => d.Id == dealId).Select(d => new { d.ValidityDays, d.RefundPolicy, d.Rules, d.UsesPerVoucher }).SingleAsync();
        var vouchers = await issuer.IssueAsync(order, terms.ValidityDays, terms.RefundPolicy, terms.Rules, clock.GetUtcNow(), terms.UsesPerVoucher);
        outbox.Add(new DealSold(dealId, order.Id, order.Quantity));
        return vouchers.Select(v => v.Code).ToList();
    }

    private Payment NewPayment(Order order, PaymentMethod method) => Payment.Of(order, method, clock.GetUtcNow());

    public static DomainException InsufficientBalance(Money amount) =>
        DomainException.Conflict("insufficient_balance", $"Your wallet balance is less than {amount}.", $"钱包余额不足 {amount}，请充值或改用在线支付。");
}
