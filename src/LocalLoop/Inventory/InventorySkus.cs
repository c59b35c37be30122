using LocalLoop.Catalog;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

/// <summary>A SKU as people read it: the product's title, the spec values and the item number (货号).</summary>
public sealed record SkuLabel(Guid ProductId, Guid SkuId, string Title, string Spec, string ItemNumber);

/// <summary>SKUs referred to by product id + SKU id (the SKU id is stable across the product's revisions).</summary>
public sealed class InventorySkus(AppDbContext db)
{
    /// <summary>Labels of the merchant's SKUs, from the live revision (or the draft before the first approval).</summary>
    public async Task<Dictionary<Guid, SkuLabel>> LabelsAsync(Guid merchantId, IEnumerable<Guid> skuIds)
    {
        var ids = skuIds.Distinct().ToList();
        return (await QueryAsync(merchantId, s => ids.Contains(s.Id), goodsOnly: false)).ToDictionary(l => l.SkuId);
    }

    /// <summary>Every SKU of the merchant's goods, for the pages' pickers.</summary>
    public async Task<List<SkuLabel>> GoodsAsync(Guid merchantId) =>
        [.. (await QueryAsync(merchantId, _ => true, goodsOnly: true)).OrderBy(l => l.Title, StringComparer.Ordinal).ThenBy(l => l.Spec, StringComparer.Ordinal)];

    private async Task<List<SkuLabel>> QueryAsync(Guid merchantId, System.Linq.Expressions.Expression<Func<Sku, bool>> which, bool goodsOnly)
    {
        var rows = await (from s in db.Skus.Where(which)
                          join p in db.Products.IgnoreQueryFilters() on s.ProductId equals p.Id
                          where p.MerchantId == merchantId && s.RevisionId == (p.LiveRevisionId ?? p.WorkingRevisionId) && (!goodsOnly || p.Kind == ProductKind.Goods)
                          select new { s.ProductId, s.Id, p.Title, s.Values, s.ItemNumber }).ToListAsync();
        return [.. rows.Select(r => new SkuLabel(r.ProductId, r.Id, r.Title, SpecMatrix.Key(SpecMatrix.ValuesFromJson(r.Values)), r.ItemNumber))];
    }

    /// <summary>Every (product, SKU) pair must be one of the merchant's; an unknown one answers 404.</summary>
    public async Task RequireAsync(Guid merchantId, IEnumerable<(Guid ProductId, Guid SkuId)> skus)
    {
        var wanted = skus.Distinct().ToList();
        var labels = await LabelsAsync(merchantId, wanted.Select(s => s.SkuId));
        if (wanted.Any(w => !labels.TryGetValue(w.SkuId, out var label) || label.ProductId != w.ProductId))
        {
            throw DomainException.NotFound("SKU", "商品规格");
        }
    }
}
