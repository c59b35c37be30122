using LocalLoop.Catalog;
using LocalLoop.Inventory;
using LocalLoop.Merchants;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>A SKU as a consumer can buy it now: its product is approved, listed and its merchant active.</summary>
public sealed record SellableSku(Guid ProductId, Guid SkuId, Guid MerchantId, string MerchantName, ProductKind Kind, string Title, string Spec, long PriceFen, int CommissionRateBasisPoints, bool AllowsCashOnDelivery);

/// <summary>Prices come from the live revision, replaced by the store's own price where the order is served by a store.</summary>
public sealed class SellableSkus(AppDbContext db)
{
    public async Task<Dictionary<Guid, SellableSku>> FindAsync(IEnumerable<Guid> skuIds)
    {
        var ids = skuIds.Distinct().ToList();
        var rows = await (from s in db.Skus.AsNoTracking().Where(s => ids.Contains(s.Id))
                          join p in db.Products.AsNoTracking().IgnoreQueryFilters() on s.ProductId equals p.Id
                          join m in db.Merchants.AsNoTracking() on p.MerchantId equals m.Id
                          where s.RevisionId == p.LiveRevisionId && p.IsLive && p.Listed && m.Status == MerchantStatus.Active
                          select new { s.ProductId, s.Id, p.MerchantId, MerchantName = m.Name, p.Kind, p.Title, s.Values, s.PriceFen, m.CommissionRateBasisPoints, m.AllowsCashOnDelivery })
            .ToListAsync();
        return rows.ToDictionary(r => r.Id, r => new SellableSku(r.ProductId, r.Id, r.MerchantId, r.MerchantName, r.Kind, r.Title,
            SpecMatrix.Key(SpecMatrix.ValuesFromJson(r.Values)), r.PriceFen, r.CommissionRateBasisPoints, r.AllowsCashOnDelivery));
    }

    /// <summary>The store's own prices for these SKUs, keyed by SKU id.</summary>
    public Task<Dictionary<Guid, long>> StorePricesAsync(Guid storeId, IEnumerable<Guid> skuIds)
    {
        var ids = skuIds.Distinct().ToList();
        return db.StoreSkuPrices.AsNoTracking().Where(p => p.StoreId == storeId && ids.Contains(p.SkuId)).ToDictionaryAsync(p => p.SkuId, p => p.PriceFen);
    }

    /// <summary>
    /// Where each SKU of the merchant has stock tracked: locations and what is available there, best first (shipping
    /// warehouses, other warehouses, then stores; never defective or transit stock). One query: a flash sale refuses
    /// most buyers here, before any transaction.
    /// </summary>
    public async Task<ILookup<Guid, (Guid LocationId, int Available)>> StockAsync(Guid merchantId, IEnumerable<Guid> skuIds)
    {
        var ids = skuIds.Distinct().ToList();
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.MerchantId == merchantId && ids.Contains(l.SkuId))
            .Select(l => new
            {
                l.SkuId,
                l.LocationId,
                Available = l.OnHand - l.Reserved,
                WarehouseType = db.Warehouses.Where(w => w.Id == l.LocationId && w.MerchantId == merchantId).Select(w => (WarehouseType?)w.Type).FirstOrDefault(),
                AtStore = db.Stores.Any(s => s.Id == l.LocationId && s.MerchantId == merchantId),
            })
            .ToListAsync();
        return levels.Where(l => l.WarehouseType is { } type ? type is not (WarehouseType.Defective or WarehouseType.Transit) : l.AtStore)
            .OrderBy(l => l.WarehouseType switch { WarehouseType.Shipping => 0, null => 2, _ => 1 })
            .ThenByDescending(l => l.Available)
            .ToLookup(l => l.SkuId, l => (l.LocationId, l.Available));
    }
}
