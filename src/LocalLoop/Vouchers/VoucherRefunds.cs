using LocalLoop.Deals;
using LocalLoop.Ledger;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

public sealed record RefundResult(Guid VoucherId, long AmountFen, string Method, string Status);

/// <param name="AtExpiry">True when <see cref="ExpiryRefundJob"/> refunded the voucher because it expired unused.</param>
public sealed record VoucherRefunded(Guid ConsumerId, Guid VoucherId, string DealTitle, long AmountFen, string Method, bool AtExpiry = false) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;

    public string NotificationTitle => AtExpiry ? "过期自动退款 / Refunded at expiry" : "退款成功 / Refund issued";

    public string NotificationBody => AtExpiry
        ? $"{DealTitle}：券过期未使用，{new Money(AmountFen)} 已自动退回{(Method == "Wallet" ? "钱包" : "原支付方式")}。 / "
          + $"Your voucher expired unused and was refunded automatically: {new Money(AmountFen)} back to your {(Method == "Wallet" ? "wallet" : "original payment method")}."
        : $"{DealTitle}: {new Money(AmountFen)} back to your {(Method == "Wallet" ? "wallet" : "original payment method")}.";
}

/// <summary>
/// Refunds an unused voucher, or the unused uses of a card (pro rata, see <see cref="CardUses"/>): on the consumer's request (only where the voucher's refund policy allows it), or
/// automatically at expiry (<see cref="ExpiryRefundJob"/>). Both go through <see cref="RefundIssuedAsync"/>: the voucher
/// leaves Issued by one conditional update, so a voucher is refunded at most once and never after it was used, whoever
/// asks and on however many nodes; the money goes back the way it came.
/// </summary>
public sealed class VoucherRefunds(AppDbContext db, LedgerPostings ledger, OutboxWriter outbox, SandboxGatewayClient gateway, TimeProvider clock)
{
    /// <summary>
    /// The consumer asks for a refund. Allowed only under <see cref="RefundPolicy.AnyTime"/>, and also after expiry:
    /// "unused vouchers can be refunded at any time", so a consumer who comes before the expiry job gets the money
    /// back the same way; whichever of the two comes first refunds, the other finds the voucher no longer Issued.
    /// </summary>
    public async Task<RefundResult> RefundAsync(Guid consumerId, Guid voucherId, HttpRequest? current)
    {
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Id == voucherId && v.ConsumerId == consumerId)
            ?? throw DomainException.NotFound("Voucher", "券");
        if (voucher.State == VoucherState.Issued && !voucher.RefundPolicy.RefundableOnRequest())
        {
            throw voucher.RefundPolicy == RefundPolicy.ExpiryOnly
                ? DomainException.Conflict("not_refundable",
                    "This deal's refund policy is \"auto-refund at expiry\": it cannot be refunded on request; if still unused when it expires, it is refunded automatically.",
                    "该团购的退款规则为“过期自动退”：不支持申请退款，券过期未使用时将自动退款。")
                : DomainException.Conflict("not_refundable",
                    "This deal's refund policy is \"non-refundable\": the voucher cannot be refunded.",
                    "该团购的退款规则为“不可退”：该券不能退款。");
        }

        return await RefundIssuedAsync(voucher, atExpiry: false, current) ?? throw await LostAsync(voucherId);
    }

    /// <summary>
    /// Refunds a voucher that expired unused under a policy that refunds at expiry; null when it is no longer Issued
    /// (used, refunded by the consumer, or by another node's job a moment ago).
    /// </summary>
    internal async Task<RefundResult?> RefundAtExpiryAsync(Guid voucherId)
    {
        var voucher = await db.Vouchers.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(v => v.Id == voucherId);
        if (voucher is null || voucher.State != VoucherState.Issued || !voucher.RefundPolicy.RefundedAtExpiry() || voucher.ExpiresAt > clock.GetUtcNow())
        {
            return null;
        }

        return await RefundIssuedAsync(voucher, atExpiry: true, current: null);
    }

    private async Task<DomainException> LostAsync(Guid voucherId)
    {
        var state = await db.Vouchers.IgnoreQueryFilters().Where(v => v.Id == voucherId).Select(v => v.State).SingleAsync();
        return state == VoucherState.Verified
            ? DomainException.Conflict("already_verified", "This voucher has been used and cannot be refunded.", "该券已核销，不能退款。")
            : DomainException.Conflict("already_refunded", "This voucher has already been refunded.", "该券已退款，无需重复申请。");
    }

    /// <summary>The one refund path: Issued → Refunded by a conditional update, the refund row, the ledger, the consumer's inbox. Null if the voucher was no longer Issued.</summary>
    private async Task<RefundResult?> RefundIssuedAsync(Voucher voucher, bool atExpiry, HttpRequest? current)
    {
        var voucherId = voucher.Id;
        var consumerId = voucher.ConsumerId;
        var payment = await db.Payments.AsNoTracking()
            .SingleAsync(p => p.OrderId == voucher.OrderId && p.State == PaymentState.Succeeded);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var won = await db.Vouchers.IgnoreQueryFilters().Where(v => v.Id == voucherId && v.State == VoucherState.Issued)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.State, VoucherState.Refunded).SetProperty(v => v.RefundedAt, now));
        if (won == 0)
        {
            return null;
        }

        // The row is ours until the transaction ends: a card's uses consumed before this moment stay with the
        // merchant, the value of the unused ones comes back (an ordinary voucher: all of it).
        var usedFen = await db.Vouchers.IgnoreQueryFilters().Where(v => v.Id == voucherId).Select(v => v.UsedValueFen).SingleAsync();
        var amount = new Money(voucher.ValueFen - usedFen);

        var refund = new Refund
        {
            Id = Guid.CreateVersion7(),
            PaymentId = payment.Id,
            VoucherId = voucherId,
            ConsumerId = consumerId,
            Method = payment.Method,
            AmountFen = amount.Fen,
            CreatedAt = now,
        };
        db.Refunds.Add(refund);
        if (payment.Method == PaymentMethod.Wallet)
        {
            await db.Wallets.Where(w => w.UserId == consumerId).ExecuteUpdateAsync(s => s.SetProperty(w => w.BalanceFen, w => w.BalanceFen + amount.Fen));
            ledger.Post("refund", refund.Id, (Accounts.PlatformEscrow, -amount), (Accounts.ConsumerWallet(consumerId), amount));
        }
        else
        {
            ledger.Post("refund", refund.Id, (Accounts.PlatformEscrow, -amount), (Accounts.SandboxGateway, amount));
        }

        outbox.Add(new VoucherRefunded(consumerId, voucherId, voucher.DealTitle, amount.Fen, payment.Method.ToString(), atExpiry));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        if (payment.Method == PaymentMethod.Wallet)
        {
            return new RefundResult(voucherId, amount.Fen, "wallet", "succeeded");
        }

        // The gateway is called after our commit (never while holding a transaction); the refund number makes
        // a retry of this call harmless. If the gateway is down, RefundRetryJob sends it again later.
        var sent = await SendToGatewayAsync(refund.Id, payment.GatewayTransactionId!, amount.Fen, current);
        return new RefundResult(voucherId, amount.Fen, "gateway", sent ? "succeeded" : "processing");
    }

    public async Task<bool> SendToGatewayAsync(Guid refundId, string transactionId, long amountFen, HttpRequest? current)
    {
        try
        {
            var answer = await gateway.RefundAsync(gateway.BaseUrl(current), new SandboxGateway.RefundTradeRequest(transactionId, refundId.ToString("N"), amountFen));
            await db.Refunds.Where(r => r.Id == refundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.GatewayRefundId, answer.RefundId));
            return true;
        }
        catch (Exception ex) when (ex is GatewayException or HttpRequestException)
        {
            return false;
        }
    }
}
