using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

public sealed record StorePriceRequest(long PriceFen);

/// <summary>The merchant puts a live product on sale (上架) or takes it off (下架), and sets store prices.</summary>
public sealed class ProductListing(AppDbContext db, TimeProvider clock, SearchIndex searchIndex)
{
    /// <summary>What consumers find changes here: the product appears (listed) or disappears (delisted). Repeating is harmless.</summary>
    public async Task SetListedAsync(Guid merchantId, Guid productId, bool listed)
    {
        if (!await db.Products.AnyAsync(p => p.Id == productId && p.MerchantId == merchantId))
        {
            throw ProductEditing.NotFound();
        }

        var changed = await db.Products.Where(p => p.Id == productId && p.MerchantId == merchantId && p.IsLive)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Listed, listed).SetProperty(p => p.UpdatedAt, clock.GetUtcNow()));
        if (changed == 0)
        {
            throw DomainException.Conflict("not_live", "Only an approved product can be listed or delisted; submit it for review first.", "只有审核通过的商品才能上架或下架，请先提交审核。");
        }

        await searchIndex.RefreshMerchantAsync(merchantId);
    }

    /// <summary>Sets the store's own price for a SKU; the store and the SKU must be the merchant's.</summary>
    public async Task SetStorePriceAsync(Guid merchantId, Guid productId, Guid skuId, Guid storeId, long priceFen)
    {
        // Another merchant's ids answer 404 whatever the price.
        await CheckOwnAsync(merchantId, productId, skuId, storeId);
        if (priceFen is <= 0 or > ProductEditing.MaxPriceFen)
        {
            throw Validation.Single("priceFen", "Price must be more than ¥0 and at most ¥100,000.", "售价须大于 ¥0 且不超过 ¥100,000。");
        }

        var updated = await db.StoreSkuPrices.Where(p => p.StoreId == storeId && p.SkuId == skuId).ExecuteUpdateAsync(s => s.SetProperty(p => p.PriceFen, priceFen));
        if (updated == 0)
        {
            db.StoreSkuPrices.Add(new StoreSkuPrice { StoreId = storeId, SkuId = skuId, ProductId = productId, MerchantId = merchantId, PriceFen = priceFen });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                throw DomainException.Conflict("store_price_changed", "The store price was set meanwhile (another tab?); look again.", "门店价格刚被修改（可能在另一个窗口），请刷新后重试。");
            }
        }
    }

    public async Task RemoveStorePriceAsync(Guid merchantId, Guid productId, Guid skuId, Guid storeId)
    {
        await CheckOwnAsync(merchantId, productId, skuId, storeId);
        await db.StoreSkuPrices.Where(p => p.StoreId == storeId && p.SkuId == skuId && p.MerchantId == merchantId).ExecuteDeleteAsync();
    }

    private async Task CheckOwnAsync(Guid merchantId, Guid productId, Guid skuId, Guid storeId)
    {
        if (!await db.Skus.AnyAsync(s => s.Id == skuId && s.ProductId == productId && s.MerchantId == merchantId))
        {
            throw DomainException.NotFound("SKU", "规格");
        }

        if (!await db.Stores.AnyAsync(s => s.Id == storeId && s.MerchantId == merchantId))
        {
            throw DomainException.NotFound("Store", "门店");
        }
    }
}
