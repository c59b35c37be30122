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

/// <summary>A whole order line in a parcel. The key (order, line) makes a line belong to at most one parcel.</summary>
public sealed class ShipmentLine
{
    public Guid OrderId { get; set; }
    public int LineNumber { get; set; }
    public Guid ShipmentId { get; set; }
}
