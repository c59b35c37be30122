using LocalLoop.Discovery;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Deals;

/// <summary>A paid order of a deal. Tells nobody; <see cref="DealSalesCounter"/> counts it after the payment committed.</summary>
public sealed record DealSold(Guid DealId, Guid OrderId, int Quantity) : IDomainEvent
{
    public Guid? NotifyUserId => null;
    public string NotificationTitle => "";
    public string NotificationBody => "";
}

/// <summary>
/// Counts a deal's sales (its sold count and the search index's sales of the stores honouring it) after the payment
/// committed, exactly once per paid order. Inside the payment's transaction these updates held the deal's row lock until
/// commit and made every payer of one deal wait for the one before (decision 0031).
/// </summary>
public sealed class DealSalesCounter(AppDbContext db, SearchIndex searchIndex) : IOutboxHandler<DealSold>
{
    public async Task HandleAsync(DealSold sold, CancellationToken cancellationToken)
    {
        await db.Deals.Where(d => d.Id == sold.DealId).ExecuteUpdateAsync(s => s.SetProperty(d => d.SoldCount, d => d.SoldCount + sold.Quantity), cancellationToken);
        await searchIndex.DealSoldAsync(sold.DealId, sold.Quantity);
    }
}
