using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.SandboxGateway;

/// <summary>The hosted cashier's actions: the consumer confirms (the trade is paid and the notification queued) or cancels.</summary>
public sealed class Cashier(AppDbContext db, TimeProvider clock)
{
    public Task<SandboxTrade?> FindAsync(string transactionId) =>
        db.SandboxTrades.AsNoTracking().SingleOrDefaultAsync(t => t.TransactionId == transactionId);

    public async Task<bool> ConfirmAsync(string transactionId)
    {
        var now = clock.GetUtcNow();
        return await db.SandboxTrades.Where(t => t.TransactionId == transactionId && t.State == SandboxTradeState.AwaitingPayment)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, SandboxTradeState.Paid).SetProperty(t => t.PaidAt, now).SetProperty(t => t.NextNotifyAt, now)) == 1;
    }

    public async Task<bool> CancelAsync(string transactionId) =>
        await db.SandboxTrades.Where(t => t.TransactionId == transactionId && t.State == SandboxTradeState.AwaitingPayment)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, SandboxTradeState.Closed)) == 1;
}
