using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

public sealed record PlaceOrderRequest(Guid DealId, int Quantity);

public sealed record OrderLineView(int LineNumber, Guid ProductId, Guid SkuId, string Title, string Spec, int Quantity, long UnitPriceFen, long DiscountFen,
    long AmountFen, long RefundedFen, int CommissionRateBasisPoints);

public sealed record OrderView(Guid Id, Guid MerchantId, string Kind, string Channel, Guid? CheckoutId, Guid? DealId, string DealTitle, int Quantity, long UnitPriceFen,
    long TotalFen, long RefundedFen, string State, bool CashOnDelivery, Guid? StoreId, string? RecipientName, string? DeliveryAddress,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? CompletedAt, List<OrderLineView> Lines)
{
    public static OrderView From(Order o) => new(o.Id, o.MerchantId, o.Kind.ToString(), o.Channel.ToString(), o.CheckoutId, o.DealId, o.DealTitle, o.Quantity,
        o.UnitPriceFen, o.TotalFen, o.RefundedFen, o.State.ToString(), o.CashOnDelivery, o.StoreId, o.RecipientName, o.DeliveryAddress, o.CreatedAt, o.PaidAt,
        o.CompletedAt, [.. o.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineView(l.LineNumber, l.ProductId, l.SkuId, l.Title, l.Spec, l.Quantity,
            l.UnitPriceFen, l.DiscountFen, l.AmountFen, l.RefundedFen, l.CommissionRateBasisPoints))]);
}

/// <summary>A consumer buys N units of an approved deal; the price and the merchant's commission rate are snapshotted on the order.</summary>
public sealed class Checkout(AppDbContext db, TimeProvider clock)
{
    public const int MaxQuantity = 20;

    public async Task<Order> PlaceAsync(Guid consumerId, PlaceOrderRequest request, OrderChannel channel)
    {
        if (request.Quantity is < 1 or > MaxQuantity)
        {
            throw Validation.Single(nameof(request.Quantity), $"Quantity must be 1 to {MaxQuantity}.", $"购买数量须在 1 到 {MaxQuantity} 之间。");
        }

        var deal = await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.DealId && d.Status == DealStatus.Approved)
            ?? throw DomainException.NotFound("Deal", "团购");
        var merchant = await db.Merchants.Where(m => m.Id == deal.MerchantId).Select(m => new { m.CommissionRateBasisPoints, m.Status }).SingleAsync();
        if (merchant.Status != Merchants.MerchantStatus.Active)
        {
            throw Merchants.MerchantFreezing.FrozenRefusal();
        }

        var rate = merchant.CommissionRateBasisPoints;
        var order = new Order
        {
            Id = Guid.CreateVersion7(),
            ConsumerId = consumerId,
            MerchantId = deal.MerchantId,
            Kind = OrderKind.DealVoucher,
            Channel = channel,
            DealId = deal.Id,
            DealTitle = deal.Title,
            Quantity = request.Quantity,
            UnitPriceFen = deal.PriceFen,
            TotalFen = (new Money(deal.PriceFen) * request.Quantity).Fen,
            CommissionRateBasisPoints = rate,
            State = OrderState.PendingPayment,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    public Task<Order?> FindForConsumerAsync(Guid orderId, Guid consumerId) =>
        db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId && o.ConsumerId == consumerId);
}
