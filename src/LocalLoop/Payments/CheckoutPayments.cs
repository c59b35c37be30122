using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

/// <param name="WalletFen">How much of the unpaid total comes from the wallet: 0 (all through the gateway) up to the total (wallet only).</param>
/// <param name="ReturnPath">Where the gateway's cashier sends the payer back, a path of this site; the first order's page when absent.</param>
public sealed record CheckoutPayRequest(long WalletFen, string? ReturnPath = null);

/// <param name="State">Pending (the cashier is waiting), Succeeded (every order paid), Cancelled (given up, hold returned) or Refunded.</param>
/// <param name="CashierUrl">The gateway's hosted cashier for the gateway part while it is pending; null when the wallet paid everything.</param>
public sealed record CheckoutPaymentView(Guid Id, Guid CheckoutId, string State, long TotalFen, long WalletFen, long GatewayFen, string? CashierUrl,
    List<Guid> OrderIds, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt);

public sealed record CheckoutPayOrder(Guid OrderId, Guid MerchantId, string Title, long TotalFen, string State);

/// <summary>
/// What the checkout's pay step shows: the orders, what is still unpaid, the wallet balance and how much of it may be
/// used (<see cref="MaxWalletFen"/>), and the payment under way, if any. Pages call <see cref="CheckoutPayments.StepAsync"/>.
/// </summary>
public sealed record CheckoutPayStep(Guid CheckoutId, List<CheckoutPayOrder> Orders, long UnpaidFen, long WalletBalanceFen, long MaxWalletFen,
    CheckoutPaymentView? Payment);

/// <summary>
/// Pays every unpaid order of a checkout at once (decision 0029): the wallet part is debited at once by a conditional
/// update and held; the rest is one gateway trade whose notification pays all the orders
/// (<see cref="CheckoutPaymentSettlement"/>). A wallet-only payment pays them at once.
/// </summary>
public sealed class CheckoutPayments(AppDbContext db, PaymentProcessing payments, CheckoutPaymentSettlement settlement, LedgerPostings ledger,
    SandboxGatewayClient gateway, TimeProvider clock)
{
    public async Task<CheckoutPaymentView> PayAsync(Guid consumerId, Guid checkoutId, CheckoutPayRequest request, HttpRequest? current)
    {
        var unpaid = (await OrdersAsync(consumerId, checkoutId)).Where(o => o.State == OrderState.PendingPayment).ToList();
        if (unpaid.Count == 0)
        {
            throw DomainException.Conflict("checkout_not_payable", "Nothing in this checkout is waiting for payment.", "该结算单没有待支付的订单。");
        }

        var total = unpaid.Sum(o => o.TotalFen);
        if (request.WalletFen < 0 || request.WalletFen > total)
        {
            throw Validation.Single("walletFen", $"The wallet part must be 0 to {new Money(total)}.", $"余额支付金额须在 ¥0.00 到 {new Money(total)} 之间。");
        }

        var returnPath = request.ReturnPath ?? $"/orders/{unpaid[0].Id}";
        if (!returnPath.StartsWith('/') || returnPath.StartsWith("//", StringComparison.Ordinal) || returnPath.Length > 300)
        {
            throw Validation.Single("returnPath", "The return path must be a path of this site.", "返回地址须为本站路径。");
        }

        // An earlier attempt — this checkout's payment or an order's own gateway trade — is given up first, so nothing is paid twice.
        foreach (var order in unpaid)
        {
            await payments.CloseOpenGatewayPaymentsAsync(order, current);
        }

        var payment = new CheckoutPayment
        {
            Id = Guid.CreateVersion7(),
            CheckoutId = checkoutId,
            ConsumerId = consumerId,
            OrderIds = string.Join(',', unpaid.Select(o => o.Id)),
            TotalFen = total,
            WalletFen = request.WalletFen,
            GatewayFen = total - request.WalletFen,
            State = request.WalletFen == total ? CheckoutPaymentState.Succeeded : CheckoutPaymentState.Pending,
            TradeNo = Payment.NewTradeNo(),
            CreatedAt = clock.GetUtcNow(),
        };
        await HoldWalletPartAsync(payment);
        if (payment.State == CheckoutPaymentState.Succeeded)
        {
            return View(payment, cashierUrl: null);
        }

        var appUrl = gateway.AppUrl(current);
        var merchants = unpaid.Select(o => o.MerchantId).Distinct().ToList();
        try
        {
            var trade = await gateway.CreateTradeAsync(gateway.BaseUrl(current), new CreateTradeRequest(payment.TradeNo, payment.GatewayFen,
                unpaid.Count == 1 ? unpaid[0].DealTitle : $"{unpaid[0].DealTitle} 等{unpaid.Count}个订单",
                NotifyUrl: $"{appUrl}/api/payments/sandbox/notify", ReturnUrl: appUrl + returnPath,
                SubMerchantId: merchants.Count == 1 ? merchants[0].ToString() : null));
            return View(payment, trade.CashierUrl);
        }
        catch (Exception ex) when (ex is GatewayException or HttpRequestException)
        {
            // The gateway never took the trade: the hold goes straight back.
            await settlement.ReleaseAsync(payment);
            throw DomainException.Conflict("gateway_unavailable", "The payment gateway could not be reached; nothing was charged. Try again.",
                "支付平台暂时无法连接，未扣任何款项，请稍后重试。");
        }
    }

    /// <summary>
    /// Debits the wallet part by a conditional update (never below zero) and records the payment, in one transaction:
    /// into the hold for a pending payment, or — when the wallet pays everything — straight into escrow, paying the orders.
    /// </summary>
    private async Task HoldWalletPartAsync(CheckoutPayment payment)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (payment.WalletFen > 0 && await db.Wallets.Where(w => w.UserId == payment.ConsumerId && w.BalanceFen >= payment.WalletFen)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.BalanceFen, w => w.BalanceFen - payment.WalletFen)) == 0)
        {
            throw DomainException.Conflict("insufficient_balance", $"Your wallet balance is less than {new Money(payment.WalletFen)}.",
                $"钱包余额不足 {new Money(payment.WalletFen)}，请减少余额支付的金额。");
        }

        db.Add(payment);
        if (payment.State == CheckoutPaymentState.Succeeded)
        {
            payment.EndedAt = payment.CreatedAt;
            await db.SaveChangesAsync();
            if (!await settlement.TryPayOrdersAsync(payment, Accounts.ConsumerWallet(payment.ConsumerId), gatewayTransactionId: null))
            {
                throw DomainException.Conflict("order_not_payable", "An order of this checkout has just been paid or cancelled; refresh and try again.",
                    "结算单中有订单刚刚已支付或已取消，请刷新后重试。");
            }
        }
        else if (payment.WalletFen > 0)
        {
            var held = new Money(payment.WalletFen);
            ledger.Post("checkout-payment-hold", payment.Id, (Accounts.ConsumerWallet(payment.ConsumerId), -held), (Accounts.PaymentHolds, held));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>The checkout's latest payment. A pending one whose trade the gateway declined or closed is given up here, returning its hold.</summary>
    public async Task<CheckoutPaymentView?> LatestAsync(Guid consumerId, Guid checkoutId, HttpRequest? current)
    {
        var payment = await db.Set<CheckoutPayment>().AsNoTracking().Where(p => p.CheckoutId == checkoutId && p.ConsumerId == consumerId)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync();
        if (payment is null)
        {
            return null;
        }

        if (payment.State == CheckoutPaymentState.Pending)
        {
            var trade = await gateway.QueryTradeAsync(gateway.BaseUrl(current), payment.TradeNo);
            if (trade is { State: nameof(SandboxTradeState.Failed) or nameof(SandboxTradeState.Closed) } && await settlement.ReleaseAsync(payment))
            {
                payment = await db.Set<CheckoutPayment>().AsNoTracking().SingleAsync(p => p.Id == payment.Id);
            }
            else if (trade is not null)
            {
                return View(payment, $"{SandboxGatewayServer.Prefix}/cashier/{trade.TransactionId}");
            }
        }

        return View(payment, cashierUrl: null);
    }

    public async Task<CheckoutPayStep> StepAsync(Guid consumerId, Guid checkoutId, HttpRequest? current)
    {
        var orders = await OrdersAsync(consumerId, checkoutId);
        var unpaid = orders.Where(o => o.State == OrderState.PendingPayment).Sum(o => o.TotalFen);
        var balance = await db.Wallets.Where(w => w.UserId == consumerId).Select(w => (long?)w.BalanceFen).SingleOrDefaultAsync() ?? 0;
        return new CheckoutPayStep(checkoutId, [.. orders.Select(o => new CheckoutPayOrder(o.Id, o.MerchantId, o.DealTitle, o.TotalFen, o.State.ToString()))],
            unpaid, balance, Math.Min(balance, unpaid), await LatestAsync(consumerId, checkoutId, current));
    }

    private async Task<List<Order>> OrdersAsync(Guid consumerId, Guid checkoutId)
    {
        var orders = await db.Orders.AsNoTracking().Where(o => o.CheckoutId == checkoutId && o.ConsumerId == consumerId).OrderBy(o => o.Id).ToListAsync();
        return orders.Count > 0 ? orders : throw DomainException.NotFound("Checkout", "结算单");
    }

    private static CheckoutPaymentView View(CheckoutPayment p, string? cashierUrl) =>
        new(p.Id, p.CheckoutId, p.State.ToString(), p.TotalFen, p.WalletFen, p.GatewayFen, cashierUrl, [.. p.Orders()], p.CreatedAt, p.EndedAt);
}
