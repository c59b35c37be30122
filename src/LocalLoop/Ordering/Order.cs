namespace LocalLoop.Ordering;

/// <summary>A consumer's prepaid purchase of N units of one deal from one merchant. Prices and commission are snapshotted.</summary>
public sealed class Order : Merchants.IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid ConsumerId { get; set; }
    public Guid MerchantId { get; set; }
    public Guid DealId { get; set; }
    public string DealTitle { get; set; } = "";
    public int Quantity { get; set; }
    public long UnitPriceFen { get; set; }
    public long TotalFen { get; set; }
    public int CommissionRateBasisPoints { get; set; }
    public OrderState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public OrderCancelReason? CancelReason { get; set; }
}

public enum OrderCancelReason
{
    /// <summary>Unpaid after <c>Orders:UnpaidCancelAfterMinutes</c> (<see cref="UnpaidOrderJob"/>).</summary>
    NotPaidInTime,
    ByConsumer,
}
