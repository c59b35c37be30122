using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.AfterSales;

/// <summary>Refund of one line: an amount in fen, or a number of units (their share of the line's amount).</summary>
public sealed record LineRefundRequest(int LineNumber, long? AmountFen, int? Quantity);

public sealed record OrderRefundRequest(List<LineRefundRequest>? Lines, string? Reason);

public sealed record RefundPart(Guid RefundId, string Method, long AmountFen, string Status);

public sealed record OrderRefundResult(Guid OrderId, long AmountFen, long OrderRefundedFen, List<RefundPart> Parts);

public sealed record OrderRefunded(Guid ConsumerId, Guid OrderId, string Title, long AmountFen) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;
    public string NotificationTitle => "退款成功 / Refund issued";
    public string NotificationBody => $"{Title}：{new Money(AmountFen)} 已原路退回。 / {Title}: {new Money(AmountFen)} back the way you paid.";
}

/// <summary>
/// Refunds part or all of a paid line order. The caps are conditional updates — the order's
/// <c>RefundedFen + x ≤ TotalFen</c>, then each line's <c>RefundedFen + x ≤ AmountFen</c> — so parallel refunds can never
/// give back more than was paid, in total or per line. The money goes back the way it came: gateway payments first, then
/// the wallet; wallet money is credited at once, gateway refunds are sent after the commit (and retried by
/// <see cref="RefundRetryJob"/>). Before completion the money leaves escrow; after it, the merchant's pending balance
/// gives back what it earned and the platform the commission on the refunded part.
/// </summary>
public sealed class OrderRefunds(AppDbContext db, LedgerPostings ledger, OutboxWriter outbox, VoucherRefunds gatewayRefunds, TimeProvider clock)
{
    /// <summary>States in which money paid online sits with the platform or the merchant and may go back.</summary>
    public static readonly OrderState[] RefundableStates =
        [OrderState.Paid, OrderState.Accepted, OrderState.ReadyForPickup, OrderState.Dispatched, OrderState.InService, OrderState.Completed];

    public async Task<OrderRefundResult> RefundByMerchantAsync(Guid merchantId, Guid orderId, OrderRefundRequest request, HttpRequest? current)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId && o.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Order", "订单");
        var amounts = Amounts(order, request.Lines);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var refunds = await IssueWithinAsync(order, amounts, RefundableStates);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await SendAsync(order.Id, refunds, current);
    }

    /// <summary>Checks the requested lines and turns quantities into amounts: q units of a line are q/quantity of its amount (all units: all of it).</summary>
    public static List<(int LineNumber, long AmountFen)> Amounts(Order order, List<LineRefundRequest>? lines)
    {
        if (order.DealId is not null)
        {
            throw DomainException.Conflict("not_a_line_order", "Deal vouchers are refunded voucher by voucher.", "团购券订单请按券退款。");
        }

        var check = new Validation();
        check.Check("lines", lines is { Count: > 0 }, "Name at least one line to refund.", "请至少选择一个要退款的商品行。");
        check.ThrowIfAny();
        check.Check("lines", lines!.Select(l => l.LineNumber).Distinct().Count() == lines!.Count, "Each line may be named once.", "同一商品行只能出现一次。");
        var amounts = new List<(int, long)>();
        foreach (var request in lines!)
        {
            var line = order.Lines.SingleOrDefault(l => l.LineNumber == request.LineNumber);
            var field = $"lines[{request.LineNumber}]";
            check.Check(field, line is not null, $"The order has no line {request.LineNumber}.", $"订单中没有第 {request.LineNumber} 行。");
            check.Check(field, request.AmountFen is null != request.Quantity is null, "Give either an amount or a quantity.", "请填写退款金额或退货数量（二选一）。");
            check.Check(field, request.AmountFen is null or > 0, "The refund amount must be positive.", "退款金额必须大于 0。");
            check.Check(field, line is null || request.Quantity is null || (request.Quantity > 0 && request.Quantity <= line.Quantity),
                $"The quantity must be between 1 and {line?.Quantity}, the units bought.", $"数量必须在 1 到 {line?.Quantity}（购买数量）之间。");
            if (line is not null)
            {
                amounts.Add((line.LineNumber, request.AmountFen ?? ShareOfUnits(line, request.Quantity ?? 0)));
            }
        }

        check.ThrowIfAny();
        return amounts;
    }

    /// <summary>What <paramref name="units"/> units of a line are worth: its amount pro rata, all of it for every unit.</summary>
    public static long ShareOfUnits(OrderLine line, int units) => line.AmountFen * units / line.Quantity;

    /// <summary>
    /// Moves the money inside the caller's transaction (which the caller saves and commits) and returns the refund rows;
    /// after the commit, <see cref="SendAsync"/> sends the gateway parts. Throws 409 when a cap or the order's state refuses.
    /// </summary>
    public async Task<List<Refund>> IssueWithinAsync(Order order, IReadOnlyList<(int LineNumber, long AmountFen)> lines, IReadOnlyCollection<OrderState> allowedStates)
    {
        var total = lines.Sum(l => l.AmountFen);
        // The order row first (as completion and cancellation do), so concurrent refunds queue on it instead of deadlocking on lines.
        var capped = await db.Orders.IgnoreQueryFilters()
            .Where(o => o.Id == order.Id && !o.CashOnDelivery && allowedStates.Contains(o.State) && o.RefundedFen + total <= o.TotalFen)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedFen, o => o.RefundedFen + total));
        if (capped == 0)
        {
            throw await RefusedAsync(order.Id, total, allowedStates);
        }

        foreach (var (lineNumber, amount) in lines)
        {
            var fits = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id && l.LineNumber == lineNumber && l.RefundedFen + amount <= l.AmountFen)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RefundedFen, l => l.RefundedFen + amount));
            if (fits == 0)
            {
                var left = await db.Set<OrderLine>().Where(l => l.OrderId == order.Id && l.LineNumber == lineNumber).Select(l => l.AmountFen - l.RefundedFen).SingleAsync();
                throw DomainException.Conflict("refund_exceeds_line", $"Line {lineNumber} has only {new Money(left)} left to refund.",
                    $"第 {lineNumber} 行最多还能退 {new Money(left)}。");
            }
        }

        // Read under the order row's lock: completion cannot happen between our cap and this read.
        var now = await db.Orders.IgnoreQueryFilters().Where(o => o.Id == order.Id).Select(o => new { o.State, o.RefundedFen }).SingleAsync();
        var refunds = await SplitByPaymentAsync(order, total);
        PostLedger(order, now.State == OrderState.Completed, now.RefundedFen - total, refunds);
        outbox.Add(new OrderRefunded(order.ConsumerId, order.Id, order.DealTitle, total));
        return refunds;
    }

    /// <summary>Gateway payments give back first, up to what each took and has not yet given back; the wallet takes the rest.</summary>
    private async Task<List<Refund>> SplitByPaymentAsync(Order order, long total)
    {
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == order.Id && p.State == PaymentState.Succeeded).ToListAsync();
        var given = await db.Refunds.Where(r => r.OrderId == order.Id).GroupBy(r => r.PaymentId).Select(g => new { g.Key, Fen = g.Sum(r => r.AmountFen) })
            .ToDictionaryAsync(g => g.Key, g => g.Fen);
        var refunds = new List<Refund>();
        var left = total;
        foreach (var payment in payments.OrderBy(p => p.Method == PaymentMethod.Wallet).ThenBy(p => p.CreatedAt))
        {
            var part = Math.Min(left, payment.AmountFen - given.GetValueOrDefault(payment.Id));
            if (part <= 0)
            {
                continue;
            }

            var refund = new Refund
            {
                Id = Guid.CreateVersion7(),
                PaymentId = payment.Id,
                OrderId = order.Id,
                ConsumerId = order.ConsumerId,
                Method = payment.Method,
                AmountFen = part,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Refunds.Add(refund);
            if (payment.Method == PaymentMethod.Wallet)
            {
                await db.Wallets.Where(w => w.UserId == order.ConsumerId).ExecuteUpdateAsync(s => s.SetProperty(w => w.BalanceFen, w => w.BalanceFen + part));
            }

            refunds.Add(refund);
            left -= part;
        }

        if (left != 0)
        {
            // The caps say the order took this much; its payments must agree.
            throw new InvalidOperationException($"Order {order.Id}: payments cover {total - left} of a {total} refund.");
        }

        return refunds;
    }

    /// <summary>
    /// Before completion the money is in escrow. After it, commission is kept only on what was consumed: the platform
    /// gives back the commission on (paid − refunded before) less that on (paid − refunded after), so every refund's share
    /// adds up exactly to the commission of the whole.
    /// </summary>
    private void PostLedger(Order order, bool settled, long refundedBefore, List<Refund> refunds)
    {
        var total = new Money(refunds.Sum(r => r.AmountFen));
        var postings = new List<(string, Money)>();
        if (settled)
        {
            var rate = new CommissionRate(order.CommissionRateBasisPoints);
            var commissionBack = new Money(order.TotalFen - refundedBefore).ShareAt(rate) - new Money(order.TotalFen - refundedBefore - total.Fen).ShareAt(rate);
            postings.Add((Accounts.MerchantPending(order.MerchantId), -(total - commissionBack)));
            postings.Add((Accounts.PlatformRevenue, -commissionBack));
        }
        else
        {
            postings.Add((Accounts.PlatformEscrow, -total));
        }

        postings.AddRange(refunds.Select(r => (r.Method == PaymentMethod.Wallet ? Accounts.ConsumerWallet(order.ConsumerId) : Accounts.SandboxGateway, new Money(r.AmountFen))));
        ledger.Post("order-refund", order.Id, [.. postings]);
    }

    private async Task<DomainException> RefusedAsync(Guid orderId, long total, IReadOnlyCollection<OrderState> allowedStates)
    {
        var now = await db.Orders.IgnoreQueryFilters().Where(o => o.Id == orderId).Select(o => new { o.State, o.CashOnDelivery, Left = o.TotalFen - o.RefundedFen }).SingleAsync();
        if (now.CashOnDelivery || !allowedStates.Contains(now.State))
        {
            return DomainException.Conflict("order_not_refundable",
                now.CashOnDelivery ? "This order was paid in cash to the merchant; nothing was paid online to refund." : $"An order that is {now.State} cannot be refunded.",
                now.CashOnDelivery ? "该订单为货到付款，没有在线支付的款项可退。" : $"订单状态为“{OrderStateMachine.Chinese(now.State)}”，不能退款。");
        }

        return DomainException.Conflict("refund_exceeds_paid", $"Only {new Money(now.Left)} of this order is left to refund, less than {new Money(total)}.",
            $"该订单最多还能退 {new Money(now.Left)}，不足 {new Money(total)}。");
    }

    /// <summary>Sends the gateway parts after the commit (never holding a transaction); a failed call is retried by <see cref="RefundRetryJob"/>.</summary>
    public async Task<OrderRefundResult> SendAsync(Guid orderId, List<Refund> refunds, HttpRequest? current)
    {
        var parts = new List<RefundPart>();
        foreach (var refund in refunds)
        {
            var status = "succeeded";
            if (refund.Method != PaymentMethod.Wallet)
            {
                var transactionId = await db.Payments.Where(p => p.Id == refund.PaymentId).Select(p => p.GatewayTransactionId).SingleAsync();
                status = await gatewayRefunds.SendToGatewayAsync(refund.Id, transactionId!, refund.AmountFen, current) ? "succeeded" : "processing";
            }

            parts.Add(new RefundPart(refund.Id, refund.Method == PaymentMethod.Wallet ? "wallet" : "gateway", refund.AmountFen, status));
        }

        var refunded = await db.Orders.IgnoreQueryFilters().Where(o => o.Id == orderId).Select(o => o.RefundedFen).SingleAsync();
        return new OrderRefundResult(orderId, refunds.Sum(r => r.AmountFen), refunded, parts);
    }
}
