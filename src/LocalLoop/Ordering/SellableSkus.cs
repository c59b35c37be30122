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
        var found = new Dictionary<Guid, SellableSku>();
        await foreach (var r in FindQuery.For(db)(db, skuIds.Distinct().ToList()))
        {
            found[r.SkuId] = new SellableSku(r.ProductId, r.SkuId, r.MerchantId, r.MerchantName, r.Kind, r.Title,
                SpecMatrix.Key(SpecMatrix.ValuesFromJson(r.Values)), r.PriceFen, r.CommissionRateBasisPoints, r.AllowsCashOnDelivery);
        }

        return found;
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
        var levels = new List<StockRow>();
        await foreach (var level in StockQuery.For(db)(db, merchantId, skuIds.Distinct().ToList()))
        {
            levels.Add(level);
        }

        return levels.Where(l => l.WarehouseType is { } type ? type is not (WarehouseType.Defective or WarehouseType.Transit) : l.AtStore)
            .OrderBy(l => l.WarehouseType switch { WarehouseType.Shipping => 0, null => 2, _ => 1 })
            .ThenByDescending(l => l.Available)
            .ToLookup(l => l.SkuId, l => (l.LocationId, l.Available));
    }

    // Both reads run on every checkout attempt: compiled once, they skip EF's per-call translation-cache lookup.
    private static readonly CompiledPerModel<Func<AppDbContext, List<Guid>, IAsyncEnumerable<SkuRow>>> FindQuery = new(() => EF.CompileAsyncQuery((AppDbContext db, List<Guid> ids) =>
        from s in db.Skus.AsNoTracking().Where(s => ids.Contains(s.Id))
        join p in db.Products.AsNoTracking().IgnoreQueryFilters() on s.ProductId equals p.Id
        join m in db.Merchants.AsNoTracking() on p.MerchantId equals m.Id
        where s.RevisionId == p.LiveRevisionId && p.IsLive && p.Listed && m.Status == MerchantStatus.Active
        select new SkuRow(s.ProductId, s.Id, p.MerchantId, m.Name, p.Kind, p.Title, s.Values, s.PriceFen, m.CommissionRateBasisPoints, m.AllowsCashOnDelivery)));

    // Joins rather than a subquery per row: with those, PostgreSQL judged a plan made for each call's values cheaper
    // than its cached generic plan and planned the query on every checkout, which cost four times its execution.
    private static readonly CompiledPerModel<Func<AppDbContext, Guid, List<Guid>, IAsyncEnumerable<StockRow>>> StockQuery = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, Guid merchantId, List<Guid> ids) =>
            from l in db.StockLevels.AsNoTracking()
            where l.MerchantId == merchantId && ids.Contains(l.SkuId)
            join w in db.Warehouses.AsNoTracking().Where(w => w.MerchantId == merchantId) on l.LocationId equals w.Id into warehouses
            from w in warehouses.DefaultIfEmpty()
            // The merchant is named here already; the tenant filter would only add a parameter.
            join st in db.Stores.AsNoTracking().IgnoreQueryFilters().Where(s => s.MerchantId == merchantId) on l.LocationId equals st.Id into stores
            from st in stores.DefaultIfEmpty()
            select new StockRow(l.SkuId, l.LocationId, l.OnHand - l.Reserved, w == null ? null : w.Type, st != null)));

    private sealed record SkuRow(Guid ProductId, Guid SkuId, Guid MerchantId, string MerchantName, ProductKind Kind, string Title, string Values,
        long PriceFen, int CommissionRateBasisPoints, bool AllowsCashOnDelivery);

    private sealed record StockRow(Guid SkuId, Guid LocationId, int Available, WarehouseType? WarehouseType, bool AtStore);
}
