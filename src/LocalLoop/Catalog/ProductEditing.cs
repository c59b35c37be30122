using System.Text.RegularExpressions;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

/// <param name="Values">One value per spec dimension, in dimension order; empty for a product without specs.</param>
public sealed record SkuRequest(List<string>? Values, string ItemNumber, string? Barcode, long PriceFen, long CostPriceFen);

/// <param name="Kind">Goods, TakeoutDish, GroupBuy, BookableService or HomeService; fixed once created.</param>
public sealed record ProductRequest(string Kind, string Title, string CategoryCode, Guid? BrandId, string? Description,
    KindFields? Fields, List<SpecDimension>? Specs, List<SkuRequest>? Skus);

/// <summary>
/// A merchant writes products: a new product starts as a draft revision; editing a live product writes a new working
/// revision while the live one stays on sale; submitting sends the working revision to review.
/// </summary>
public sealed partial class ProductEditing(AppDbContext db, CategoryAdmin categories, TimeProvider clock)
{
    public const long MaxPriceFen = 10_000_000;

    public async Task<Product> CreateAsync(Guid merchantId, ProductRequest request)
    {
        var errors = new Validation();
        var kindOk = Enum.TryParse<ProductKind>(request.Kind, ignoreCase: false, out var kind) && Enum.IsDefined(kind);
        errors.Check("kind", kindOk, "Kind must be Goods, TakeoutDish, GroupBuy, BookableService or HomeService.",
            "商品类型须为 Goods（商品）、TakeoutDish（外卖菜品）、GroupBuy（团购套餐）、BookableService（预约服务）或 HomeService（上门服务）。");
        var content = await CheckAsync(kindOk ? kind : ProductKind.Goods, request, errors);
        var now = clock.GetUtcNow();
        var product = new Product
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, Kind = kind, Status = ProductStatus.Draft, CreatedAt = now, UpdatedAt = now,
            Title = content.Title, CategoryCode = content.CategoryCode, BrandId = content.BrandId, MinPriceFen = content.MinPriceFen,
        };
        var revision = NewRevision(product, 1, content, now);
        product.WorkingRevisionId = revision.Id;

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Products.Add(product);
        db.ProductRevisions.Add(revision);
        db.Skus.AddRange(SkuRows(revision, content, []));
        await ClaimItemNumbersAsync(merchantId, product.Id, content.ItemNumbers, content.ItemNumbers);
        await SaveClaimsAsync();
        await transaction.CommitAsync();
        return product;
    }

    /// <summary>Rewrites the working revision (a new one when the product has none); a revision under review cannot change.</summary>
    public async Task UpdateAsync(Guid merchantId, Guid productId, ProductRequest request)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId && p.MerchantId == merchantId) ?? throw NotFound();
        var errors = new Validation();
        errors.Check("kind", request.Kind == product.Kind.ToString(), "A product's kind cannot change; create a new product instead.", "商品类型创建后不能更改，请新建商品。");
        var content = await CheckAsync(product.Kind, request, errors);
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var previous = await db.Skus.AsNoTracking().Where(s => s.RevisionId == (product.WorkingRevisionId ?? product.LiveRevisionId)).ToListAsync();
        ProductRevision revision;
        if (product.WorkingRevisionId is { } workingId)
        {
            var reopened = await db.ProductRevisions.Where(r => r.Id == workingId && (r.Status == ProductStatus.Draft || r.Status == ProductStatus.Rejected))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ProductStatus.Draft).SetProperty(r => r.RejectionReason, (string?)null));
            if (reopened == 0)
            {
                throw DomainException.Conflict("under_review", "This product is waiting for review; edit it after the reviewer decides.", "该商品正在审核中，请等审核结果出来后再修改。");
            }

            revision = await db.ProductRevisions.SingleAsync(r => r.Id == workingId);
            Fill(revision, content);
            await db.Skus.Where(s => s.RevisionId == workingId).ExecuteDeleteAsync();
        }
        else
        {
            var number = await db.ProductRevisions.Where(r => r.ProductId == productId).MaxAsync(r => r.Number) + 1;
            revision = NewRevision(product, number, content, now);
            db.ProductRevisions.Add(revision);
            product.WorkingRevisionId = revision.Id;
        }

        db.Skus.AddRange(SkuRows(revision, content, previous));
        product.Status = ProductStatus.Draft;
        product.UpdatedAt = now;
        if (!product.IsLive)
        {
            // Never approved: the product's columns show the draft in the merchant's list (consumers cannot find it).
            product.Title = content.Title;
            product.CategoryCode = content.CategoryCode;
            product.BrandId = content.BrandId;
            product.MinPriceFen = content.MinPriceFen;
        }

        var liveNumbers = product.LiveRevisionId is { } liveId ? await db.Skus.Where(s => s.RevisionId == liveId).Select(s => s.ItemNumber).ToListAsync() : [];
        await ClaimItemNumbersAsync(merchantId, productId, content.ItemNumbers, content.ItemNumbers.Union(liveNumbers).ToList());
        await SaveClaimsAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Draft or rejected → pending: the reviewer's queue shows it.</summary>
    public async Task SubmitAsync(Guid merchantId, Guid productId)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId && p.MerchantId == merchantId) ?? throw NotFound();
        if (product.WorkingRevisionId is not { } workingId)
        {
            throw DomainException.Conflict("nothing_to_submit", "There is no draft to submit: edit the product first.", "没有待提交的草稿，请先编辑商品。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var submitted = await db.ProductRevisions
            .Where(r => r.Id == workingId && (r.Status == ProductStatus.Draft || r.Status == ProductStatus.Rejected))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ProductStatus.Pending).SetProperty(r => r.SubmittedAt, clock.GetUtcNow()));
        if (submitted == 0)
        {
            throw DomainException.Conflict("already_submitted", "This product is already waiting for review.", "该商品已提交，正在等待审核。");
        }

        await db.Products.Where(p => p.Id == productId && p.WorkingRevisionId == workingId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ProductStatus.Pending).SetProperty(p => p.UpdatedAt, clock.GetUtcNow()));
        await transaction.CommitAsync();
    }

    public static DomainException NotFound() => DomainException.NotFound("Product", "商品");

    private sealed record Content(string Title, string CategoryCode, Guid? BrandId, string Description, string KindFieldsJson,
        List<SpecDimension> Specs, List<SkuRequest> Skus, long MinPriceFen)
    {
        public List<string> ItemNumbers => Skus.Select(s => s.ItemNumber).ToList();
    }

    private async Task<Content> CheckAsync(ProductKind kind, ProductRequest request, Validation errors)
    {
        errors.Required("title", request.Title, 100, "Title", "商品名称");
        errors.Check("description", (request.Description ?? "").Trim().Length <= 2000, "Description must be at most 2,000 characters.", "商品描述不能超过 2000 个字符。");
        await categories.CheckForProductAsync(request.CategoryCode, errors);
        errors.Check("brandId", request.BrandId is null || await db.Brands.AnyAsync(b => b.Id == request.BrandId), "Choose a brand from the list.", "请从列表中选择品牌。");
        var fields = KindFields.Normalize(kind, request.Fields, errors);
        var specs = SpecMatrix.Normalize(request.Specs, errors);
        var skus = CheckSkus(specs, request.Skus ?? [], errors);
        errors.ThrowIfAny();
        return new Content(request.Title.Trim(), request.CategoryCode, request.BrandId, (request.Description ?? "").Trim(), fields.ToJson(),
            specs, skus, skus.Min(s => s.PriceFen));
    }

    /// <summary>The SKU rows must be exactly the spec matrix: one row per combination, each with its own item number.</summary>
    private static List<SkuRequest> CheckSkus(List<SpecDimension> specs, List<SkuRequest> given, Validation errors)
    {
        var skus = given.Select(s => s with
        {
            Values = (s.Values ?? []).Select(v => (v ?? "").Trim()).ToList(),
            ItemNumber = (s.ItemNumber ?? "").Trim(),
            Barcode = string.IsNullOrWhiteSpace(s.Barcode) ? null : s.Barcode.Trim(),
        }).ToList();
        errors.Check("skus", skus.Count > 0, "Add at least one SKU with its price.", "请至少添加一个规格（SKU）并填写价格。");
        var wanted = SpecMatrix.Combinations(specs).Select(SpecMatrix.Key).ToHashSet();
        var keys = skus.Select(s => SpecMatrix.Key(s.Values!)).ToList();
        errors.Check("skus", keys.Distinct().Count() == keys.Count, "Each spec combination may appear only once.", "每个规格组合只能出现一次。");
        errors.Check("skus", keys.All(wanted.Contains) && wanted.All(keys.Contains),
            "The SKUs must be exactly the combinations of the spec values (one row each).", "SKU 须与规格值的组合一一对应（每个组合一行）。");
        for (var i = 0; i < skus.Count; i++)
        {
            var sku = skus[i];
            errors.Check($"skus[{i}].itemNumber", ItemNumber().IsMatch(sku.ItemNumber),
                "Item number: 1 to 40 letters, digits, dots, dashes or underscores.", "货号须为 1 到 40 个字母、数字、点、短横线或下划线。");
            errors.Check($"skus[{i}].itemNumber", skus.Take(i).All(s => s.ItemNumber != sku.ItemNumber),
                $"Item number {sku.ItemNumber} is used twice in this product.", $"货号 {sku.ItemNumber} 在本商品中重复。");
            errors.Check($"skus[{i}].barcode", sku.Barcode is null || Ean13.IsValid(sku.Barcode),
                "The barcode must be a valid EAN-13 (13 digits, the last a check digit).", "条码须为有效的 EAN-13 码（13 位数字，最后一位为校验位）。");
            errors.Check($"skus[{i}].priceFen", sku.PriceFen is > 0 and <= MaxPriceFen, "Price must be more than ¥0 and at most ¥100,000.", "售价须大于 ¥0 且不超过 ¥100,000。");
            errors.Check($"skus[{i}].costPriceFen", sku.CostPriceFen is >= 0 and <= MaxPriceFen, "Cost price must be from ¥0 to ¥100,000.", "成本价须为 ¥0 到 ¥100,000。");
        }

        return skus;
    }

    private static ProductRevision NewRevision(Product product, int number, Content content, DateTimeOffset now)
    {
        var revision = new ProductRevision { Id = Guid.CreateVersion7(), ProductId = product.Id, MerchantId = product.MerchantId, Number = number, Status = ProductStatus.Draft, CreatedAt = now };
        Fill(revision, content);
        return revision;
    }

    private static void Fill(ProductRevision revision, Content content)
    {
        revision.Title = content.Title;
        revision.CategoryCode = content.CategoryCode;
        revision.BrandId = content.BrandId;
        revision.Description = content.Description;
        revision.KindFields = content.KindFieldsJson;
        revision.Specs = SpecMatrix.ToJson(content.Specs);
    }

    /// <summary>A combination the product already had keeps its SKU id, so store prices stay attached through edits.</summary>
    private static IEnumerable<Sku> SkuRows(ProductRevision revision, Content content, List<Sku> previous)
    {
        var previousIds = previous.ToDictionary(s => SpecMatrix.Key(SpecMatrix.ValuesFromJson(s.Values)), s => s.Id);
        return content.Skus.Select((sku, i) => new Sku
        {
            RevisionId = revision.Id, Id = previousIds.GetValueOrDefault(SpecMatrix.Key(sku.Values!), Guid.CreateVersion7()),
            ProductId = revision.ProductId, MerchantId = revision.MerchantId, SortOrder = i, Values = SpecMatrix.ValuesToJson(sku.Values!),
            ItemNumber = sku.ItemNumber, Barcode = sku.Barcode, PriceFen = sku.PriceFen, CostPriceFen = sku.CostPriceFen,
        });
    }

    /// <summary>
    /// Holds the wanted item numbers for the product and lets go of those it no longer uses (<paramref name="keep"/> is
    /// what its live and working revisions use). A number another product holds is refused; the primary key settles a race.
    /// </summary>
    private async Task ClaimItemNumbersAsync(Guid merchantId, Guid productId, List<string> wanted, List<string> keep)
    {
        var held = await db.SkuItemNumbers.AsNoTracking().Where(n => n.MerchantId == merchantId && wanted.Contains(n.ItemNumber)).ToListAsync();
        var taken = held.Where(n => n.ProductId != productId).Select(n => n.ItemNumber).ToList();
        if (taken.Count > 0)
        {
            throw ItemNumbersTaken(string.Join(", ", taken));
        }

        await db.SkuItemNumbers.Where(n => n.ProductId == productId && !keep.Contains(n.ItemNumber)).ExecuteDeleteAsync();
        db.SkuItemNumbers.AddRange(wanted.Except(held.Select(n => n.ItemNumber))
            .Select(number => new SkuItemNumber { MerchantId = merchantId, ItemNumber = number, ProductId = productId }));
    }

    private async Task SaveClaimsAsync()
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw ItemNumbersTaken(null);
        }
    }

    /// <param name="numbers">The numbers found taken; null when the database refused a number another request took meanwhile.</param>
    private static DomainException ItemNumbersTaken(string? numbers) => DomainException.Conflict("item_number_taken",
        $"Item number {numbers ?? "(one of them)"} is already used by another of your products; item numbers are unique per merchant.",
        $"货号{numbers ?? "（其中之一）"}已被您的其他商品使用；同一商家的货号不能重复。");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex ItemNumber();
}
