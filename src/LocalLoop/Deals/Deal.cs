namespace LocalLoop.Deals;

public enum DealStatus
{
    PendingReview,
    Approved,
    Rejected,
}

/// <summary>
/// A group-buy deal (团购): a package sold online as vouchers and consumed in one of the stores that honour it.
/// Consumers see it only once a reviewer has approved it.
/// </summary>
public sealed class Deal : Merchants.IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Title { get; set; } = "";
    public string Contents { get; set; } = "";
    public string Category { get; set; } = "";
    public long PriceFen { get; set; }
    public long OriginalPriceFen { get; set; }
    public int ValidityDays { get; set; }
    public DealStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public int SoldCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DealStore> Stores { get; set; } = [];
}

/// <summary>A store that honours a deal.</summary>
public sealed class DealStore
{
    public Guid DealId { get; set; }
    public Guid StoreId { get; set; }
}
