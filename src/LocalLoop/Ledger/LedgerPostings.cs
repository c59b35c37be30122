using LocalLoop.Platform;
using LocalLoop.Platform.Data;

namespace LocalLoop.Ledger;

/// <summary>Adds balanced transactions to the unit of work; the caller's SaveChanges commits them with the change that caused them.</summary>
public sealed class LedgerPostings(AppDbContext db, TimeProvider clock)
{
    /// <summary>Records one transaction. Throws if the postings do not sum to zero, so an unbalanced ledger cannot be written.</summary>
    public Guid Post(string kind, Guid? referenceId, params (string Account, Money Amount)[] postings)
    {
        if (postings.Sum(p => p.Amount.Fen) != 0)
        {
            throw new InvalidOperationException($"Ledger transaction '{kind}' does not balance.");
        }

        var transactionId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        foreach (var (account, amount) in postings.Where(p => p.Amount != Money.Zero))
        {
            db.LedgerEntries.Add(new LedgerEntry
            {
                TransactionId = transactionId,
                Account = account,
                AmountFen = amount.Fen,
                Kind = kind,
                ReferenceId = referenceId,
                At = now,
            });
        }

        return transactionId;
    }
}
