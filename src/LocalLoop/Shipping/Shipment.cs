using LocalLoop.Merchants;

namespace LocalLoop.Shipping;

public enum ShipmentState
{
    /// <summary>Planned: its lines are packed together but have not left.</summary>
    Open,

    /// <summary>Handed to the express company with a tracking number; its lines' stock is sold.</summary>
    Dispatched,
}

/// <summary>
/// One parcel leaving one stock location for one address. Merging puts the lines of several orders of the same
/// consumer and address into one parcel; splitting sends one order's lines as several parcels (per warehouse, or in
/// batches). An order is dispatched when all its lines have left.
/// </summary>
public sealed class Shipment : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ConsumerId { get; set; }
    public Guid LocationId { get; set; }
    public string RecipientName { get; set; } = "";
    public string RecipientPhone { get; set; } = "";
    public string DeliveryAddress { get; set; } = "";
    public ShipmentState State { get; set; }
    public string? TrackingNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public List<ShipmentLine> Lines { get; set; } = [];
}

/// <summary>
/// Units of one order line in a parcel. A line's quantity may be spread over several parcels (3 of 5 now, 2 later);
/// <see cref="OrderLinePacking"/> keeps the sum over parcels within the line's quantity.
/// </summary>
public sealed class ShipmentLine
{
    public Guid ShipmentId { get; set; }
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }
    public int Quantity { get; set; }
}

/// <summary>
/// How many units of an order line are in parcels, open or gone. Planning adds to <see cref="Packed"/> with a
/// conditional update whose WHERE keeps it within <see cref="Quantity"/>, so concurrent plans cannot over-allocate.
/// </summary>
public sealed class OrderLinePacking
{
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }

    /// <summary>The order line's quantity when it was first packed (a placed line's quantity never changes).</summary>
    public int Quantity { get; set; }

    public int Packed { get; set; }
}
