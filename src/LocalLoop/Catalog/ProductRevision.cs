using LocalLoop.Merchants;

namespace LocalLoop.Catalog;

/// <summary>
/// One version of a product's content as the merchant wrote it. The product points at its live (approved) revision and
/// at the one being edited or reviewed; approval makes the working revision the live one.
/// </summary>
public sealed class ProductRevision : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public Guid MerchantId { get; set; }

    /// <summary>1 for the first version, then counting up per product.</summary>
    public int Number { get; set; }

    public ProductStatus Status { get; set; }
    public string Title { get; set; } = "";
    public string CategoryCode { get; set; } = "";
    public Guid? BrandId { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The kind's own fields as JSON (<see cref="KindFields"/>): they differ per kind and are read whole.</summary>
    public string KindFields { get; set; } = "{}";

    /// <summary>The spec dimensions as JSON (<see cref="SpecDimension"/> list), e.g. 尺码 × 颜色.</summary>
    public string Specs { get; set; } = "[]";

    public string? RejectionReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}

/// <summary>
/// A sellable variant of one revision. <see cref="Id"/> is stable across revisions (the same spec combination keeps
/// its id), so store prices survive an edit; the key is (revision, id).
/// </summary>
public sealed class Sku : IMerchantOwned
{
    public Guid RevisionId { get; set; }
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public Guid MerchantId { get; set; }
    public int SortOrder { get; set; }

    /// <summary>The spec values in dimension order as JSON ("[\"M\",\"红\"]"); "[]" for a product without specs.</summary>
    public string Values { get; set; } = "[]";

    /// <summary>货号, unique per merchant through <see cref="SkuItemNumber"/>.</summary>
    public string ItemNumber { get; set; } = "";

    public string? Barcode { get; set; }
    public long PriceFen { get; set; }
    public long CostPriceFen { get; set; }
}

/// <summary>
/// An item number held by one product of a merchant. The primary key (merchant, item number) is what makes item
/// numbers unique per merchant, across the live and the working revision of every product.
/// </summary>
public sealed class SkuItemNumber : IMerchantOwned
{
    public Guid MerchantId { get; set; }
    public string ItemNumber { get; set; } = "";
    public Guid ProductId { get; set; }
}

/// <summary>A store's own price for a SKU, replacing the SKU's price there.</summary>
public sealed class StoreSkuPrice : IMerchantOwned
{
    public Guid StoreId { get; set; }
    public Guid SkuId { get; set; }
    public Guid ProductId { get; set; }
    public Guid MerchantId { get; set; }
    public long PriceFen { get; set; }
}
