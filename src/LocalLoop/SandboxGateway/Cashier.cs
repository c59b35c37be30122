using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.SandboxGateway;

/// <summary>
/// The hosted cashier's actions: the consumer confirms (the trade is paid and the notification queued, unless a
/// test-console switch makes it fail, hang or notify late) or cancels.
/// </summary>
public sealed class Cashier(AppDbContext db, GatewayFaults faults, TimeProvider clock)
{
    public Task<SandboxTrade?> FindAsync(string transactionId) =>
        db.SandboxTrades.AsNoTracking().SingleOrDefaultAsync(t => t.TransactionId == transactionId);

    /// <summary>True when this confirmation moved the trade; its new state says whether it was paid.</summary>
    public async Task<bool> ConfirmAsync(SandboxTrade trade)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var fault = await faults.ClaimForAsync(trade);
        var (state, notifyAt) = fault?.Kind switch
        {
            GatewayFaultKind.Fail => (SandboxTradeState.Failed, (DateTimeOffset?)null),
            GatewayFaultKind.Timeout => (SandboxTradeState.Processing, null),
            GatewayFaultKind.NotifyLate => (SandboxTradeState.Paid, now.AddSeconds(fault.DelaySeconds)),
            _ => (SandboxTradeState.Paid, now),
        };
        DateTimeOffset? paidAt = state == SandboxTradeState.Paid ? now : null;
        var moved = await db.SandboxTrades.Where(t => t.TransactionId == trade.TransactionId && t.State == SandboxTradeState.AwaitingPayment)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, state).SetProperty(t => t.PaidAt, paidAt).SetProperty(t => t.NextNotifyAt, notifyAt)) == 1;
        if (moved)
        {
            // The switch's use is spent only by a payment it actually affected.
            await transaction.CommitAsync();
        }

        return moved;
    }

    public async Task<bool> CancelAsync(string transactionId) =>
        await db.SandboxTrades.Where(t => t.TransactionId == transactionId && t.State == SandboxTradeState.AwaitingPayment)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, SandboxTradeState.Closed)) == 1;
}
