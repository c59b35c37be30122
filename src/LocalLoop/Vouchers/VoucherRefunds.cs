using LocalLoop.Ledger;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

public sealed record RefundResult(Guid VoucherId, long AmountFen, string Method, string Status);

public sealed record VoucherRefunded(Guid ConsumerId, Guid VoucherId, string DealTitle, long AmountFen, string Method) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;
    public string NotificationTitle => "退款成功 / Refund issued";
    public string NotificationBody => $"{DealTitle}: {new Money(AmountFen)} back to your {(Method == "Wallet" ? "wallet" : "original payment method")}.";
}

/// <summary>
/// A consumer refunds an unused voucher. The voucher leaves Issued by one conditional update, so a voucher is
/// refunded at most once and never after it was used; the money goes back the way it came.
/// </summary>
public sealed class VoucherRefunds(AppDbContext db, LedgerPostings ledger, OutboxWriter outbox, SandboxGatewayClient gateway, TimeProvider clock)
{
    public async Task<RefundResult> RefundAsync(Guid consumerId, Guid voucherId, HttpRequest? current)
    {
        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Id == voucherId && v.ConsumerId == consumerId)
            ?? throw DomainException.NotFound("Voucher", "券");
        var payment = await db.Payments.AsNoTracking()
            .SingleAsync(p => p.OrderId == voucher.OrderId && p.State == PaymentState.Succeeded);
        var now = clock.GetUtcNow();
        var amount = new Money(voucher.ValueFen);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var won = await db.Vouchers.Where(v => v.Id == voucherId && v.State == VoucherState.Issued)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.State, VoucherState.Refunded).SetProperty(v => v.RefundedAt, now));
        if (won == 0)
        {
            var state = await db.Vouchers.Where(v => v.Id == voucherId).Select(v => v.State).SingleAsync();
            throw state == VoucherState.Verified
                ? DomainException.Conflict("already_verified", "This voucher has been used and cannot be refunded.", "该券已核销，不能退款。")
                : DomainException.Conflict("already_refunded", "This voucher has already been refunded.", "该券已退款，无需重复申请。");
        }

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

        outbox.Add(new VoucherRefunded(consumerId, voucherId, voucher.DealTitle, amount.Fen, payment.Method.ToString()));
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
