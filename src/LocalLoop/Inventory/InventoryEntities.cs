using LocalLoop.Merchants;

namespace LocalLoop.Inventory;

/// <summary>What a warehouse is for: 备货仓, 发货仓, 预售仓, 在途仓, 次品仓.</summary>
public enum WarehouseType
{
    Standby,
    Shipping,
    Presale,
    Transit,
    Defective,
}

/// <summary>A merchant's warehouse. Stock is held at a location: a warehouse or one of the merchant's stores.</summary>
public sealed class Warehouse : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Name { get; set; } = "";
    public WarehouseType Type { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The stock of one SKU at one location. <see cref="OnHand"/> is always the sum of the location's journal for the
/// SKU; <see cref="Reserved"/> is the sum of its held reservations. Both change only by conditional updates that
/// keep 0 ≤ reserved ≤ on-hand.
/// </summary>
public sealed class StockLevel : IMerchantOwned
{
    public Guid LocationId { get; set; }
    public Guid SkuId { get; set; }
    public Guid ProductId { get; set; }
    public Guid MerchantId { get; set; }
    public int OnHand { get; set; }
    public int Reserved { get; set; }

    /// <summary>At or below this available quantity the merchant is told once; null for no alert.</summary>
    public int? LowStockThreshold { get; set; }

    /// <summary>The one alert for the current low period was sent; cleared when available recovers above the threshold.</summary>
    public bool LowStockAlerted { get; set; }
}

public enum MovementKind
{
    PurchaseIn,
    PurchaseReturn,
    SalesOut,
    TransferOut,
    TransferIn,
    StocktakeAdjustment,
    DefectiveOut,
    DefectiveIn,

    /// <summary>Goods a consumer sent back, received into stock (after-sales, decision 0028).</summary>
    CustomerReturn,
}

/// <summary>One line of the append-only stock journal: rows are inserted, never updated or deleted.</summary>
public sealed class StockMovement : IMerchantOwned
{
    /// <summary>Assigned by the database in insert order: the journal's order.</summary>
    public long Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid LocationId { get; set; }
    public Guid ProductId { get; set; }
    public Guid SkuId { get; set; }
    public MovementKind Kind { get; set; }

    /// <summary>The change of on-hand: positive in, negative out.</summary>
    public int Quantity { get; set; }

    /// <summary>On-hand right after this movement.</summary>
    public int OnHandAfter { get; set; }

    /// <summary>What caused it ("receipt:…", "transfer:…", "stocktake:…", an order reference).</summary>
    public string Reference { get; set; } = "";
    public string Note { get; set; } = "";
    public Guid? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public enum ReservationStatus
{
    Held,
    Released,
    Committed,
}

/// <summary>Stock held for an order: released on cancel, committed (sold out) on shipping or consumption — each once.</summary>
public sealed class StockReservation : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid LocationId { get; set; }
    public Guid ProductId { get; set; }
    public Guid SkuId { get; set; }
    public int Quantity { get; set; }

    /// <summary>The caller's reference (an order line), unique per merchant: reserving twice with it holds stock once.</summary>
    public string Reference { get; set; } = "";
    public ReservationStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public enum ReceiptStatus
{
    Draft,
    Received,
}

/// <summary>A purchase receipt (采购入库单): lines with unit cost, received into one location at once.</summary>
public sealed class PurchaseReceipt : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid LocationId { get; set; }
    public string Supplier { get; set; } = "";
    public string Note { get; set; } = "";
    public ReceiptStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public List<PurchaseReceiptLine> Lines { get; set; } = [];
}

public sealed class PurchaseReceiptLine
{
    public Guid ReceiptId { get; set; }
    public int LineNumber { get; set; }
    public Guid ProductId { get; set; }
    public Guid SkuId { get; set; }
    public int Quantity { get; set; }
    public long UnitCostFen { get; set; }

    /// <summary>Returned to the supplier so far; never above <see cref="Quantity"/>.</summary>
    public int ReturnedQuantity { get; set; }
}

public enum StocktakeStatus
{
    Counting,
    Approved,
}

/// <summary>A count sheet (盘点单) of one location: expected quantities snapshotted at creation, counted ones entered later.</summary>
public sealed class Stocktake : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid LocationId { get; set; }
    public StocktakeStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string ApprovedBy { get; set; } = "";
    public List<StocktakeLine> Lines { get; set; } = [];
}

public sealed class StocktakeLine
{
    public Guid StocktakeId { get; set; }
    public Guid SkuId { get; set; }
    public Guid ProductId { get; set; }

    /// <summary>On-hand when the sheet was made.</summary>
    public int Expected { get; set; }

    /// <summary>What was counted; null until entered.</summary>
    public int? Counted { get; set; }
}
