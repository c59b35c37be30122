using LocalLoop.Inventory;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

public sealed record PosSaleRequest(Guid StoreId, List<CartItemRequest>? Items);

/// <summary>
/// A sale at the counter, recorded by the merchant's POS into the same order store and against the same stock as
/// online orders: the goods leave the store's stock at once (never below zero), and the order is completed on the
/// spot. The customer paid the shop directly, so no money passes through the platform and no commission is due.
/// </summary>
public sealed class PosSales(AppDbContext db, SellableSkus sellable, StockLedger stock, TimeProvider clock)
{
    /// <summary>Counter sales have no platform account behind them.</summary>
    public static readonly Guid WalkInCustomer = Guid.Empty;

    public async Task<Order> RecordAsync(Guid merchantId, PosSaleRequest request)
    {
        var items = request.Items ?? [];
        var errors = new Validation();
        errors.Check("items", items.Count is > 0 and <= CartCheckout.MaxLines, $"Ring up 1 to {CartCheckout.MaxLines} items.", $"请录入 1 到 {CartCheckout.MaxLines} 种商品。");
        errors.Check("items", items.All(i => i.Quantity is >= 1 and <= Checkout.MaxQuantity), $"Each quantity must be 1 to {Checkout.MaxQuantity}.", $"每种商品的数量须在 1 到 {Checkout.MaxQuantity} 之间。");
        errors.ThrowIfAny();
        if (!await db.Stores.AnyAsync(s => s.Id == request.StoreId && s.MerchantId == merchantId))
        {
            throw DomainException.NotFound("Store", "门店");
        }

        var skus = await sellable.FindAsync(items.Select(i => i.SkuId));
        if (items.Any(i => !skus.TryGetValue(i.SkuId, out var sku) || sku.ProductId != i.ProductId || sku.MerchantId != merchantId))
        {
            throw DomainException.NotFound("Product", "商品");
        }

        var storePrices = await sellable.StorePricesAsync(request.StoreId, items.Select(i => i.SkuId));
        var tracked = skus.Values.Where(sku => sku.Stock.Any(l => l.LocationId == request.StoreId)).Select(sku => sku.SkuId).ToHashSet();
        var now = clock.GetUtcNow();
        var orderId = Guid.CreateVersion7();
        var lines = items.Select((item, index) =>
        {
            var sku = skus[item.SkuId];
            var price = storePrices.GetValueOrDefault(item.SkuId, sku.PriceFen);
            return new OrderLine
            {
                OrderId = orderId, LineNumber = index + 1, ProductId = sku.ProductId, SkuId = sku.SkuId, Title = sku.Title, Spec = sku.Spec,
                Quantity = item.Quantity, UnitPriceFen = price, AmountFen = (new Money(price) * item.Quantity).Fen,
                LocationId = tracked.Contains(sku.SkuId) ? request.StoreId : null,
            };
        }).ToList();
        var order = new Order
        {
            Id = orderId, ConsumerId = WalkInCustomer, MerchantId = merchantId, Kind = OrderKind.Pickup, Channel = OrderChannel.Pos,
            DealTitle = CartCheckout.Summary(lines), Quantity = lines.Sum(l => l.Quantity), TotalFen = lines.Sum(l => l.AmountFen),
            State = OrderState.Completed, StoreId = request.StoreId, CreatedAt = now, PaidAt = now, CompletedAt = now, Lines = lines,
        };

        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var line in lines.Where(l => l.LocationId is not null))
        {
            await stock.MoveAsync(new StockKey(merchantId, request.StoreId, line.ProductId, line.SkuId), -line.Quantity, MovementKind.SalesOut, $"pos:{orderId:N}", "POS");
        }

        db.Orders.Add(order);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return order;
    }
}
