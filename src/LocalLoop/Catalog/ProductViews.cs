using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

public sealed record SkuView(Guid Id, List<string> Values, string ItemNumber, string? Barcode, long PriceFen, long CostPriceFen, List<StorePriceView> StorePrices);

public sealed record StorePriceView(Guid StoreId, long PriceFen);

public sealed record RevisionView(Guid Id, int Number, ProductStatus Status, string Title, string CategoryCode, string CategoryZh, string CategoryEn,
    Guid? BrandId, string? BrandZh, string? BrandEn, string Description, KindFields Fields, List<SpecDimension> Specs, List<SkuView> Skus,
    string? RejectionReason, DateTimeOffset? SubmittedAt);

/// <summary>The merchant's list row. Title and price are the working version's when there is one.</summary>
public sealed record ProductSummary(Guid Id, ProductKind Kind, string Title, ProductStatus Status, bool IsLive, bool Listed, long MinPriceFen,
    int SkuCount, string? RejectionReason, DateTimeOffset UpdatedAt);

public sealed record ProductDetail(Guid Id, ProductKind Kind, ProductStatus Status, bool IsLive, bool Listed, RevisionView? Live, RevisionView? Working);

public sealed record FieldChange(string Field, string? Before, string? After);

public sealed record ProductReviewItem(Guid RevisionId, Guid ProductId, Guid MerchantId, string MerchantName, ProductKind Kind, RevisionView Pending,
    RevisionView? Live, List<FieldChange> Changes);

/// <param name="PriceFen">The price to pay: the store's own when a store is given and sets one.</param>
/// <param name="CatalogPriceFen">The merchant's catalog price, to show next to a store's different price.</param>
public sealed record PublicSku(Guid Id, List<string> Values, long PriceFen, long CatalogPriceFen);

/// <summary>What consumers see: the live version only, no cost prices or item numbers; prices are the store's when a store is given.</summary>
public sealed record PublicProduct(Guid Id, ProductKind Kind, Guid MerchantId, string MerchantName, string Title, string CategoryCode, string CategoryZh, string CategoryEn,
    string? BrandZh, string? BrandEn, string Description, KindFields Fields, List<SpecDimension> Specs, List<PublicSku> Skus, long MinPriceFen,
    Guid? StoreId, string? StoreName);

public sealed class ProductViews(AppDbContext db)
{
    public async Task<List<ProductSummary>> OfMerchantAsync(Guid merchantId)
    {
        var products = await db.Products.AsNoTracking().Where(p => p.MerchantId == merchantId).OrderByDescending(p => p.UpdatedAt).ToListAsync();
        var revisionIds = products.Select(p => p.WorkingRevisionId ?? p.LiveRevisionId).OfType<Guid>().ToList();
        var revisions = await db.ProductRevisions.AsNoTracking().Where(r => revisionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var skus = await db.Skus.AsNoTracking().Where(s => revisionIds.Contains(s.RevisionId))
            .GroupBy(s => s.RevisionId).Select(g => new { g.Key, Count = g.Count(), Min = g.Min(s => s.PriceFen) }).ToDictionaryAsync(g => g.Key);
        return products.Select(p =>
        {
            var revision = revisions[(p.WorkingRevisionId ?? p.LiveRevisionId)!.Value];
            var prices = skus.GetValueOrDefault(revision.Id);
            return new ProductSummary(p.Id, p.Kind, revision.Title, p.Status, p.IsLive, p.Listed, prices?.Min ?? p.MinPriceFen, prices?.Count ?? 0,
                revision.Status == ProductStatus.Rejected ? revision.RejectionReason : null, p.UpdatedAt);
        }).ToList();
    }

    public async Task<ProductDetail> OfMerchantAsync(Guid merchantId, Guid productId)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId && p.MerchantId == merchantId) ?? throw ProductEditing.NotFound();
        var views = await RevisionsAsync([product.LiveRevisionId, product.WorkingRevisionId], withStorePrices: true);
        return new ProductDetail(product.Id, product.Kind, product.Status, product.IsLive, product.Listed,
            views.GetValueOrDefault(product.LiveRevisionId ?? Guid.Empty), views.GetValueOrDefault(product.WorkingRevisionId ?? Guid.Empty));
    }

    /// <summary>The reviewer's queue, oldest first, each with what changed against the live version.</summary>
    public async Task<List<ProductReviewItem>> PendingReviewAsync(bool chinese)
    {
        var pending = await db.ProductRevisions.AsNoTracking().Where(r => r.Status == ProductStatus.Pending).OrderBy(r => r.SubmittedAt).Take(100).ToListAsync();
        var productIds = pending.Select(r => r.ProductId).ToList();
        var products = await db.Products.IgnoreQueryFilters().AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var merchantIds = products.Values.Select(p => p.MerchantId).Distinct().ToList();
        var merchants = await db.Merchants.AsNoTracking().Where(m => merchantIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        var views = await RevisionsAsync(pending.Select(r => (Guid?)r.Id).Concat(products.Values.Select(p => p.LiveRevisionId)), withStorePrices: false);
        return pending.Where(r => products.ContainsKey(r.ProductId)).Select(r =>
        {
            var product = products[r.ProductId];
            var live = views.GetValueOrDefault(product.LiveRevisionId ?? Guid.Empty);
            return new ProductReviewItem(r.Id, r.ProductId, product.MerchantId, merchants.GetValueOrDefault(product.MerchantId, ""), product.Kind,
                views[r.Id], live, live is null ? [] : Changes(live, views[r.Id], chinese));
        }).ToList();
    }

    /// <summary>A live, listed product of an active merchant; null for anything else (the caller answers 404).</summary>
    public async Task<PublicProduct?> PublicAsync(Guid productId, Guid? storeId)
    {
        var found = await (from p in db.Products.AsNoTracking()
                           join m in db.Merchants.AsNoTracking() on p.MerchantId equals m.Id
                           where p.Id == productId && p.IsLive && p.Listed && m.Status == MerchantStatus.Active
                           select new { Product = p, MerchantName = m.Name }).SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }

        var product = found.Product;
        var live = (await RevisionsAsync([product.LiveRevisionId], withStorePrices: false))[product.LiveRevisionId!.Value];
        var store = storeId is null ? null
            : await db.Stores.AsNoTracking().Where(s => s.Id == storeId && s.MerchantId == product.MerchantId).Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync()
              ?? throw DomainException.NotFound("Store", "门店");
        var storePrices = store is null ? []
            : await db.StoreSkuPrices.AsNoTracking().Where(p => p.StoreId == store.Id && p.ProductId == productId).ToDictionaryAsync(p => p.SkuId, p => p.PriceFen);
        var skus = live.Skus.Select(s => new PublicSku(s.Id, s.Values, storePrices.GetValueOrDefault(s.Id, s.PriceFen), s.PriceFen)).ToList();
        return new PublicProduct(product.Id, product.Kind, product.MerchantId, found.MerchantName, product.Title, product.CategoryCode, live.CategoryZh, live.CategoryEn,
            live.BrandZh, live.BrandEn, live.Description, live.Fields, live.Specs, skus, skus.Min(s => s.PriceFen), store?.Id, store?.Name);
    }

    private async Task<Dictionary<Guid, RevisionView>> RevisionsAsync(IEnumerable<Guid?> ids, bool withStorePrices)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        var revisions = await db.ProductRevisions.AsNoTracking().Where(r => wanted.Contains(r.Id)).ToListAsync();
        var skus = await db.Skus.AsNoTracking().Where(s => wanted.Contains(s.RevisionId)).OrderBy(s => s.SortOrder).ToListAsync();
        var codes = revisions.Select(r => r.CategoryCode).Distinct().ToList();
        var categories = await db.CategoryNodes.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code);
        var brandIds = revisions.Select(r => r.BrandId).OfType<Guid>().Distinct().ToList();
        var brands = await db.Brands.AsNoTracking().Where(b => brandIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id);
        var productIds = revisions.Select(r => r.ProductId).Distinct().ToList();
        var storePrices = withStorePrices
            ? (await db.StoreSkuPrices.AsNoTracking().Where(p => productIds.Contains(p.ProductId)).ToListAsync()).ToLookup(p => p.SkuId)
            : Enumerable.Empty<StoreSkuPrice>().ToLookup(p => p.SkuId);
        return revisions.ToDictionary(r => r.Id, r =>
        {
            var category = categories.GetValueOrDefault(r.CategoryCode);
            var brand = r.BrandId is { } brandId ? brands.GetValueOrDefault(brandId) : null;
            return new RevisionView(r.Id, r.Number, r.Status, r.Title, r.CategoryCode, category?.NameZh ?? r.CategoryCode, category?.NameEn ?? r.CategoryCode,
                r.BrandId, brand?.NameZh, brand?.NameEn, r.Description, KindFields.FromJson(r.KindFields), SpecMatrix.FromJson(r.Specs),
                skus.Where(s => s.RevisionId == r.Id).Select(s => new SkuView(s.Id, SpecMatrix.ValuesFromJson(s.Values), s.ItemNumber, s.Barcode, s.PriceFen, s.CostPriceFen,
                    storePrices[s.Id].Select(p => new StorePriceView(p.StoreId, p.PriceFen)).ToList())).ToList(),
                r.RejectionReason, r.SubmittedAt);
        });
    }

    /// <summary>Field by field, and SKU by SKU (matched by spec combination), what the pending version changes, as display text.</summary>
    public static List<FieldChange> Changes(RevisionView live, RevisionView pending, bool chinese)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? before, string? after)
        {
            if (before != after)
            {
                changes.Add(new FieldChange(field, before, after));
            }
        }

        Compare("title", live.Title, pending.Title);
        Compare("category", chinese ? live.CategoryZh : live.CategoryEn, chinese ? pending.CategoryZh : pending.CategoryEn);
        Compare("brand", chinese ? live.BrandZh : live.BrandEn, chinese ? pending.BrandZh : pending.BrandEn);
        Compare("description", live.Description, pending.Description);
        Compare("fields", live.Fields.Describe(chinese), pending.Fields.Describe(chinese));
        Compare("specs", string.Join("; ", live.Specs.Select(d => $"{d.Name}: {string.Join(", ", d.Values)}")),
            string.Join("; ", pending.Specs.Select(d => $"{d.Name}: {string.Join(", ", d.Values)}")));
        var before = live.Skus.ToDictionary(s => SpecMatrix.Key(s.Values));
        var after = pending.Skus.ToDictionary(s => SpecMatrix.Key(s.Values));
        foreach (var key in before.Keys.Union(after.Keys))
        {
            Compare($"sku {key}", before.GetValueOrDefault(key) is { } b ? Describe(b) : null, after.GetValueOrDefault(key) is { } a ? Describe(a) : null);
        }

        return changes;
    }

    private static string Describe(SkuView sku) =>
        $"{sku.ItemNumber} · {new Money(sku.PriceFen)} (cost {new Money(sku.CostPriceFen)}){(sku.Barcode is null ? "" : " · " + sku.Barcode)}";
}
