namespace LocalLoop.Ordering;

/// <summary>
/// A consumer's purchase from one merchant, whatever the channel and the kind. A deal-voucher order buys N units of
/// one deal (<see cref="DealId"/>); every other kind buys goods, dishes or services as <see cref="OrderLine"/>s.
/// Prices, discounts and the commission rate are snapshotted when the order is placed.
/// </summary>
public sealed class Order : Merchants.IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid ConsumerId { get; set; }
    public Guid MerchantId { get; set; }
    public OrderKind Kind { get; set; }
    public OrderChannel Channel { get; set; }

    /// <summary>The checkout that placed this order together with the orders for the cart's other merchants.</summary>
    public Guid? CheckoutId { get; set; }

    /// <summary>The deal of a deal-voucher order; null for the other kinds.</summary>
    public Guid? DealId { get; set; }

    /// <summary>The deal's title, or for line orders the first line's title and how many more lines follow.</summary>
    public string DealTitle { get; set; } = "";

    /// <summary>Units bought: of the deal, or of all lines together.</summary>
    public int Quantity { get; set; }

    /// <summary>The deal's price per voucher; 0 for line orders, whose prices are on the lines.</summary>
    public long UnitPriceFen { get; set; }

    public long TotalFen { get; set; }

    /// <summary>How much of <see cref="TotalFen"/> has been given back; never more than was paid.</summary>
    public long RefundedFen { get; set; }

    public int CommissionRateBasisPoints { get; set; }
    public OrderState State { get; set; }

    /// <summary>The store that serves a pickup, takeout or POS order.</summary>
    public Guid? StoreId { get; set; }

    public string? RecipientName { get; set; }
    public string? RecipientPhone { get; set; }
    public string? DeliveryAddress { get; set; }

    /// <summary>The consumer pays the courier or the shop in cash; the order skips online payment.</summary>
    public bool CashOnDelivery { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public OrderCancelReason? CancelReason { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>One SKU bought in a line order, with its price, discount and commission rate as they were at checkout.</summary>
public sealed class OrderLine
{
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }
    public Guid ProductId { get; set; }
    public Guid SkuId { get; set; }
    public string Title { get; set; } = "";

    /// <summary>The spec values as people read them ("M / 红"), empty for a product without specs.</summary>
    public string Spec { get; set; } = "";

    public int Quantity { get; set; }
    public long UnitPriceFen { get; set; }
    public long DiscountFen { get; set; }

    /// <summary>Quantity × unit price − discount.</summary>
    public long AmountFen { get; set; }

    public int CommissionRateBasisPoints { get; set; }

    /// <summary>The stock location the line's units are held at (a warehouse or a store); null when the SKU's stock is not tracked.</summary>
    public Guid? LocationId { get; set; }

    public long RefundedFen { get; set; }

    /// <summary>
    /// Units of the line in after-sales requests that still count (<see cref="AfterSales.AfterSalesStateMachine.Open"/>); changed
    /// only by conditional updates that keep it within <see cref="Quantity"/>, so two requests never share the last unit (decision 0033).
    /// </summary>
    public int AfterSalesQuantity { get; set; }

    /// <summary>The reference of the line's stock reservation: released on cancel, committed on dispatch or completion.</summary>
    public static string ReservationReference(Guid orderId, int lineNumber) => $"order:{orderId:N}:{lineNumber}";
}

public enum OrderChannel
{
    /// <summary>The consumer web pages.</summary>
    Web,

    /// <summary>A channel app (mini-program, partner app) calling the JSON API.</summary>
    App,

    /// <summary>A sale at the counter, recorded by the merchant's POS.</summary>
    Pos,
}

public enum OrderCancelReason
{
    /// <summary>Unpaid after <c>Orders:UnpaidCancelAfterMinutes</c> (<see cref="UnpaidOrderJob"/>).</summary>
    NotPaidInTime,
    ByConsumer,
    ByMerchant,
}
