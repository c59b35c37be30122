using LocalLoop.Ledger;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

/// <summary>One line of the wallet page: a posting to the consumer's wallet account, with what it was for when known.</summary>
public sealed record WalletLine(DateTimeOffset At, string Kind, long AmountFen, string? Subject, Guid? OrderId);

/// <summary>Reads for the consumer's wallet page and the buy form's balance check.</summary>
public sealed class WalletQueries(AppDbContext db)
{
    public async Task<long> BalanceAsync(Guid userId) =>
        await db.Wallets.Where(w => w.UserId == userId).Select(w => (long?)w.BalanceFen).SingleOrDefaultAsync() ?? 0;

    public async Task<List<WalletLine>> MovementsAsync(Guid userId, int take = 50)
    {
        var account = Accounts.ConsumerWallet(userId);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.Account == account)
            .OrderByDescending(e => e.Id).Take(take).ToListAsync();

        // Say what each movement was for: a payment names its order, a refund its voucher.
        var references = entries.Where(e => e.ReferenceId is not null).Select(e => e.ReferenceId!.Value).Distinct().ToList();
        var payments = await (from payment in db.Payments
                              where references.Contains(payment.Id)
                              join order in db.Orders on payment.OrderId equals order.Id
                              select new { payment.Id, order.DealTitle, OrderId = order.Id }).ToDictionaryAsync(x => x.Id);
        var refunds = await (from refund in db.Refunds
                             where references.Contains(refund.Id)
                             join voucher in db.Vouchers on refund.VoucherId equals voucher.Id
                             select new { refund.Id, voucher.DealTitle, voucher.OrderId }).ToDictionaryAsync(x => x.Id);

        return entries.Select(e =>
        {
            var id = e.ReferenceId ?? Guid.Empty;
            return e.Kind switch
            {
                "payment" when payments.TryGetValue(id, out var p) => new WalletLine(e.At, e.Kind, e.AmountFen, p.DealTitle, p.OrderId),
                "refund" when refunds.TryGetValue(id, out var r) => new WalletLine(e.At, e.Kind, e.AmountFen, r.DealTitle, r.OrderId),
                _ => new WalletLine(e.At, e.Kind, e.AmountFen, null, null),
            };
        }).ToList();
    }
}
