using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>One SKU in a consumer's cart. The price is not kept: the cart always shows, and checkout charges, today's price.</summary>
public sealed class CartItem
{
    public Guid ConsumerId { get; set; }
    public Guid SkuId { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public sealed record CartItemRequest(Guid ProductId, Guid SkuId, int Quantity);

public sealed record CartLineView(Guid ProductId, Guid SkuId, string Title, string Spec, int Quantity, long UnitPriceFen, long AmountFen, bool Available);

public sealed record CartMerchantView(Guid MerchantId, string MerchantName, bool AllowsCashOnDelivery, List<CartLineView> Lines, long SubtotalFen);

public sealed record CartView(List<CartMerchantView> Merchants, long TotalFen, int ItemCount);

/// <summary>A consumer's cart across merchants, grouped the way checkout will split it: one order per merchant.</summary>
public sealed class Cart(AppDbContext db, SellableSkus skus, TimeProvider clock)
{
    public const int MaxLines = 50;

    public async Task<CartView> ViewAsync(Guid consumerId)
    {
        var items = await db.CartItems.AsNoTracking().Where(i => i.ConsumerId == consumerId).OrderBy(i => i.AddedAt).ToListAsync();
        var sellable = await skus.FindAsync(items.Select(i => i.SkuId));
        var lines = items.Select(i => sellable.TryGetValue(i.SkuId, out var s) && s.ProductId == i.ProductId
            ? (Sku: s, Line: new CartLineView(i.ProductId, i.SkuId, s.Title, s.Spec, i.Quantity, s.PriceFen, s.PriceFen * i.Quantity, true))
            : (Sku: (SellableSku?)null, Line: new CartLineView(i.ProductId, i.SkuId, "", "", i.Quantity, 0, 0, false))).ToList();
        var merchants = lines.Where(l => l.Sku is not null).GroupBy(l => l.Sku!.MerchantId)
            .Select(g => new CartMerchantView(g.Key, g.First().Sku!.MerchantName, g.First().Sku!.AllowsCashOnDelivery, [.. g.Select(l => l.Line)], g.Sum(l => l.Line.AmountFen)))
            .ToList();
        var unavailable = lines.Where(l => l.Sku is null).Select(l => l.Line).ToList();
        if (unavailable.Count > 0)
        {
            merchants.Add(new CartMerchantView(Guid.Empty, "", false, unavailable, 0));
        }

        return new CartView(merchants, merchants.Sum(m => m.SubtotalFen), items.Sum(i => i.Quantity));
    }

    /// <summary>Sets a SKU's quantity in the cart; 0 takes it out.</summary>
    public async Task SetAsync(Guid consumerId, CartItemRequest request)
    {
        if (request.Quantity is < 0 or > Checkout.MaxQuantity)
        {
            throw Validation.Single("quantity", $"Quantity must be 0 to {Checkout.MaxQuantity}.", $"数量须在 0 到 {Checkout.MaxQuantity} 之间。");
        }

        if (request.Quantity == 0)
        {
            await db.CartItems.Where(i => i.ConsumerId == consumerId && i.SkuId == request.SkuId).ExecuteDeleteAsync();
            return;
        }

        if (!(await skus.FindAsync([request.SkuId])).TryGetValue(request.SkuId, out var sku) || sku.ProductId != request.ProductId)
        {
            throw DomainException.NotFound("Product", "商品");
        }

        if (await db.CartItems.Where(i => i.ConsumerId == consumerId && i.SkuId == request.SkuId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Quantity, request.Quantity)) == 1)
        {
            return;
        }

        if (await db.CartItems.CountAsync(i => i.ConsumerId == consumerId) >= MaxLines)
        {
            throw DomainException.Conflict("cart_full", $"A cart holds at most {MaxLines} different items.", $"购物车最多放 {MaxLines} 种商品。");
        }

        db.CartItems.Add(new CartItem { ConsumerId = consumerId, SkuId = request.SkuId, ProductId = request.ProductId, Quantity = request.Quantity, AddedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A second tab added the same SKU at the same moment: its row stands, with this quantity.
            db.ChangeTracker.Clear();
            await db.CartItems.Where(i => i.ConsumerId == consumerId && i.SkuId == request.SkuId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Quantity, request.Quantity));
        }
    }

    public async Task<List<CartItemRequest>> ItemsAsync(Guid consumerId) =>
        await db.CartItems.AsNoTracking().Where(i => i.ConsumerId == consumerId).OrderBy(i => i.AddedAt)
            .Select(i => new CartItemRequest(i.ProductId, i.SkuId, i.Quantity)).ToListAsync();
}
