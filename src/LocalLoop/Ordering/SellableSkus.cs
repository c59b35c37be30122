using LocalLoop.Catalog;
using LocalLoop.Inventory;
using LocalLoop.Merchants;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>Stock of a SKU at one of its merchant's locations: what is available there now.</summary>
public readonly record struct StockAt(Guid LocationId, int Available);

/// <summary>
/// A SKU as a consumer can buy it now: its product is approved, listed and its merchant active. <see cref="Stock"/> lists
/// where the merchant tracks its stock, best first (shipping warehouses, other warehouses, then stores; never defective
/// or transit stock), empty where it is tracked nowhere.
/// </summary>
public sealed record SellableSku(Guid ProductId, Guid SkuId, Guid MerchantId, string MerchantName, ProductKind Kind, string Title, string Spec, long PriceFen,
    int CommissionRateBasisPoints, bool AllowsCashOnDelivery, IReadOnlyList<StockAt> Stock);

/// <summary>Prices come from the live revision, replaced by the store's own price where the order is served by a store.</summary>
public sealed class SellableSkus(AppDbContext db)
{
    /// <summary>
    /// The SKUs with their stock, in one query: it runs on every checkout attempt, before any transaction, and a flash
    /// sale refuses most buyers on what it reads.
    /// </summary>
    public async Task<Dictionary<Guid, SellableSku>> FindAsync(IEnumerable<Guid> skuIds)
    {
        var rows = new List<SkuRow>();
        await foreach (var row in FindQuery.For(db)(db, skuIds.Distinct().ToList()))
        {
            rows.Add(row);
        }

        return rows.GroupBy(r => r.SkuId).ToDictionary(g => g.Key, g =>
        {
            var r = g.First();
            return new SellableSku(r.ProductId, r.SkuId, r.MerchantId, r.MerchantName, r.Kind, r.Title, SpecMatrix.Key(SpecMatrix.ValuesFromJson(r.Values)),
                r.PriceFen, r.CommissionRateBasisPoints, r.AllowsCashOnDelivery, BestFirst(g));
        });
    }

    /// <summary>The store's own prices for these SKUs, keyed by SKU id.</summary>
    public Task<Dictionary<Guid, long>> StorePricesAsync(Guid storeId, IEnumerable<Guid> skuIds)
    {
        var ids = skuIds.Distinct().ToList();
        return db.StoreSkuPrices.AsNoTracking().Where(p => p.StoreId == storeId && ids.Contains(p.SkuId)).ToDictionaryAsync(p => p.SkuId, p => p.PriceFen);
    }

    private static List<StockAt> BestFirst(IEnumerable<SkuRow> rows) =>
        [.. rows.Where(r => r.LocationId is not null && (r.WarehouseType is { } type ? type is not (WarehouseType.Defective or WarehouseType.Transit) : r.AtStore))
            .OrderBy(r => r.WarehouseType switch { WarehouseType.Shipping => 0, null => 2, _ => 1 })
            .ThenByDescending(r => r.Available)
            .Select(r => new StockAt(r.LocationId!.Value, r.Available ?? 0))];

    // Compiled once: it skips EF's per-call translation-cache lookup. Joins rather than a subquery per row: with those,
    // PostgreSQL judged a plan made for each call's values cheaper than its cached generic plan and planned the read
    // on every checkout, which cost four times its execution (decision 0040).
    private static readonly CompiledPerModel<Func<AppDbContext, List<Guid>, IAsyncEnumerable<SkuRow>>> FindQuery = new(() => EF.CompileAsyncQuery((AppDbContext db, List<Guid> ids) =>
        from s in db.Skus.AsNoTracking().Where(s => ids.Contains(s.Id))
        join p in db.Products.AsNoTracking().IgnoreQueryFilters() on s.ProductId equals p.Id
        join m in db.Merchants.AsNoTracking() on p.MerchantId equals m.Id
        where s.RevisionId == p.LiveRevisionId && p.IsLive && p.Listed && m.Status == MerchantStatus.Active
        join l in db.StockLevels.AsNoTracking() on new { SkuId = s.Id, p.MerchantId } equals new { l.SkuId, l.MerchantId } into levels
        from l in levels.DefaultIfEmpty()
        join w in db.Warehouses.AsNoTracking() on new { Id = l.LocationId, p.MerchantId } equals new { w.Id, w.MerchantId } into warehouses
        from w in warehouses.DefaultIfEmpty()
        // The merchant is named here already; the tenant filter would only add a parameter.
        join st in db.Stores.AsNoTracking().IgnoreQueryFilters() on new { Id = l.LocationId, p.MerchantId } equals new { st.Id, st.MerchantId } into stores
        from st in stores.DefaultIfEmpty()
        select new SkuRow(s.ProductId, s.Id, p.MerchantId, m.Name, p.Kind, p.Title, s.Values, s.PriceFen, m.CommissionRateBasisPoints, m.AllowsCashOnDelivery,
            l == null ? null : l.LocationId, l == null ? null : l.OnHand - l.Reserved, w == null ? null : w.Type, st != null)));

    private sealed record SkuRow(Guid ProductId, Guid SkuId, Guid MerchantId, string MerchantName, ProductKind Kind, string Title, string Values,
        long PriceFen, int CommissionRateBasisPoints, bool AllowsCashOnDelivery, Guid? LocationId, int? Available, WarehouseType? WarehouseType, bool AtStore);
}
