using LocalLoop.Catalog;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

public sealed record StoreChoice(Guid Id, string Name, string City, string Address);

/// <param name="PickupOnly">Only goods of this merchant are in the cart: its store matters only when the consumer collects them.</param>
/// <param name="Stores">In the order checkout falls back on (first opened first), so the first one is the default.</param>
public sealed record MerchantStoreChoice(Guid MerchantId, string MerchantName, bool PickupOnly, List<StoreChoice> Stores);

/// <summary>
/// The merchants in a cart whose store the consumer chooses at checkout: those with goods (for pickup) or takeout dishes
/// (always served by a store) and more than one store. The choice goes to checkout as <see cref="CheckoutRequest.StoreIds"/>.
/// </summary>
public sealed class PickupStores(AppDbContext db)
{
    public async Task<List<MerchantStoreChoice>> ForCartAsync(CartView cart)
    {
        var productIds = cart.Merchants.Where(m => m.MerchantId != Guid.Empty).SelectMany(m => m.Lines).Select(l => l.ProductId).Distinct().ToList();
        if (productIds.Count == 0)
        {
            return [];
        }

        var served = await db.Products.AsNoTracking().IgnoreQueryFilters()
            .Where(p => productIds.Contains(p.Id) && (p.Kind == ProductKind.Goods || p.Kind == ProductKind.TakeoutDish))
            .Select(p => new { p.MerchantId, p.Kind }).Distinct().ToListAsync();
        var merchantIds = served.Select(p => p.MerchantId).Distinct().ToList();
        var stores = (await db.Stores.AsNoTracking().IgnoreQueryFilters().Where(s => merchantIds.Contains(s.MerchantId)).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.MerchantId, Choice = new StoreChoice(s.Id, s.Name, s.City, s.Address) }).ToListAsync())
            .ToLookup(s => s.MerchantId, s => s.Choice);
        return [.. cart.Merchants.Where(m => stores[m.MerchantId].Count() > 1)
            .Select(m => new MerchantStoreChoice(m.MerchantId, m.MerchantName, !served.Any(p => p.MerchantId == m.MerchantId && p.Kind == ProductKind.TakeoutDish),
                [.. stores[m.MerchantId]]))];
    }
}
