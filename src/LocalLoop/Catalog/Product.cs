using LocalLoop.Merchants;

namespace LocalLoop.Catalog;

/// <summary>What a product is; each kind has its own fields.</summary>
public enum ProductKind
{
    Goods,
    TakeoutDish,
    GroupBuy,
    BookableService,
    HomeService,
}

/// <summary>Where the product's latest submitted content is in audit.</summary>
public enum ProductStatus
{
    Draft,
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A product (SPU) of a merchant. Its columns hold the live, approved content consumers see; an edit of a live product
/// waits in audit as a revision while this content stays on sale.
/// </summary>
public sealed class Product : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public ProductKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string CategoryCode { get; set; } = "";
    public Guid? BrandId { get; set; }
    public ProductStatus Status { get; set; }

    /// <summary>An approved version exists: the product can be on sale.</summary>
    public bool IsLive { get; set; }

    /// <summary>The merchant has put it on sale (上架); only live and listed products are found.</summary>
    public bool Listed { get; set; }

    /// <summary>Lowest SKU price of the live version, for sorting and showing "from ¥x".</summary>
    public long MinPriceFen { get; set; }

    public int SalesCount { get; set; }

    /// <summary>The approved revision whose content these columns carry; null until the first approval.</summary>
    public Guid? LiveRevisionId { get; set; }

    /// <summary>The revision being edited or reviewed (draft, pending or rejected); null when none.</summary>
    public Guid? WorkingRevisionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
