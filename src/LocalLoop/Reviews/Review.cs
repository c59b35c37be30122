namespace LocalLoop.Reviews;

/// <summary>A consumer's rating of a store after consuming a voucher there; one review per voucher.</summary>
public sealed class Review
{
    public Guid Id { get; set; }
    public Guid VoucherId { get; set; }
    public Guid ConsumerId { get; set; }
    public string ConsumerName { get; set; } = "";
    public Guid MerchantId { get; set; }
    public Guid StoreId { get; set; }
    public Guid DealId { get; set; }
    public int Rating { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
