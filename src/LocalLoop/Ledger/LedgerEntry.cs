namespace LocalLoop.Ledger;

/// <summary>
/// One posting of the double-entry ledger. The postings of a transaction sum to zero; a positive amount
/// increases what the account holds. Append-only: corrections are new transactions.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public Guid TransactionId { get; set; }
    public string Account { get; set; } = "";
    public long AmountFen { get; set; }
    public string Kind { get; set; } = "";
    public Guid? ReferenceId { get; set; }
    public DateTimeOffset At { get; set; }
}
