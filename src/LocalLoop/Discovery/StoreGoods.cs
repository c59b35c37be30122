using LocalLoop.Catalog;
using LocalLoop.Inventory;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

/// <param name="FromPriceFen">The lowest price of its SKUs at this store: the store's own price where it sets one.</param>
/// <param name="SoldOut">No SKU can be bought now (see <see cref="StoreGoods"/>).</param>
public sealed record StoreGood(Guid ProductId, ProductKind Kind, string Title, long FromPriceFen, bool SeveralPrices, bool StorePrice, bool SoldOut);

public sealed record StoreGoodsPage(List<StoreGood> Goods, int Page, bool HasMore);

/// <summary>
/// What a store sells through the cart — goods, takeout dishes and services of its merchant that are live and listed
/// (group-buy products are sold as deals, shown apart), best sellers first, a page at a time, priced at this store.
/// </summary>
/// <remarks>
/// Sold out follows where checkout takes stock from: goods need units available at one of the merchant's sellable
/// locations (warehouses except defective and transit, and its stores); a takeout dish is served by this store, so
/// when its stock is tracked it needs units here; a service whose stock is tracked nowhere is never sold out.
/// Three queries whatever the page holds: products, their SKUs with this store's prices, their stock.
/// </remarks>
public sealed class StoreGoods(AppDbContext db)
{
    public const int PageSize = 20;

    /// <summary>Far past any real catalog: a bigger page number only makes the database skip rows for nothing.</summary>
    public const int MaxPage = 50;

    private static readonly ProductKind[] CartKinds = [ProductKind.Goods, ProductKind.TakeoutDish, ProductKind.BookableService, ProductKind.HomeService];

    public async Task<StoreGoodsPage> ForStoreAsync(Guid storeId, Guid merchantId, int page)
    {
        page = Math.Clamp(page, 1, MaxPage);
        var products = await db.Products.AsNoTracking()
            .Where(p => p.MerchantId == merchantId && p.IsLive && p.Listed && p.LiveRevisionId != null && CartKinds.Contains(p.Kind))
            .OrderByDescending(p => p.SalesCount).ThenBy(p => p.Title).ThenBy(p => p.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new { p.Id, p.Kind, p.Title, RevisionId = p.LiveRevisionId!.Value }).ToListAsync();
        var shown = products.Take(PageSize).ToList();
        if (shown.Count == 0)
        {
            return new StoreGoodsPage([], page, false);
        }

        var revisionIds = shown.Select(p => p.RevisionId).ToList();
        var skus = await (from sku in db.Skus.AsNoTracking().Where(s => revisionIds.Contains(s.RevisionId))
                          join own in db.StoreSkuPrices.AsNoTracking().Where(p => p.StoreId == storeId) on sku.Id equals own.SkuId into owns
                          from own in owns.DefaultIfEmpty()
                          select new { sku.ProductId, sku.Id, sku.PriceFen, StorePriceFen = (long?)own.PriceFen }).ToListAsync();
        var skuIds = skus.Select(s => s.Id).ToList();
        var stock = await db.StockLevels.AsNoTracking()
            .Where(l => l.MerchantId == merchantId && skuIds.Contains(l.SkuId)
                && (db.Stores.Any(s => s.Id == l.LocationId && s.MerchantId == merchantId)
                    || db.Warehouses.Any(w => w.Id == l.LocationId && w.MerchantId == merchantId && w.Type != WarehouseType.Defective && w.Type != WarehouseType.Transit)))
            .GroupBy(l => l.SkuId)
            .Select(g => new { SkuId = g.Key, Anywhere = g.Sum(l => l.OnHand - l.Reserved), Here = g.Sum(l => l.LocationId == storeId ? l.OnHand - l.Reserved : 0) })
            .ToDictionaryAsync(s => s.SkuId);

        bool Available(ProductKind kind, Guid skuId) => (kind, stock.GetValueOrDefault(skuId)) switch
        {
            (ProductKind.Goods, null) => false,
            (_, null) => true,
            (ProductKind.TakeoutDish, { } level) => level.Here > 0,
            (_, { } level) => level.Anywhere > 0,
        };

        var skusOf = skus.ToLookup(s => s.ProductId);
        var goods = shown.Where(p => skusOf[p.Id].Any()).Select(p =>
        {
            var prices = skusOf[p.Id].Select(s => s.StorePriceFen ?? s.PriceFen).ToList();
            return new StoreGood(p.Id, p.Kind, p.Title, prices.Min(), prices.Distinct().Count() > 1, skusOf[p.Id].Any(s => s.StorePriceFen is not null),
                !skusOf[p.Id].Any(s => Available(p.Kind, s.Id)));
        }).ToList();
        return new StoreGoodsPage(goods, page, products.Count > PageSize);
    }
}
