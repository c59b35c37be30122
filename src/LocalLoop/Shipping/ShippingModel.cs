using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Shipping;

public static class ShippingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Shipment>(e =>
        {
            e.Property(s => s.RecipientName).HasMaxLength(50);
            e.Property(s => s.RecipientPhone).HasMaxLength(30);
            e.Property(s => s.DeliveryAddress).HasMaxLength(200);
            e.Property(s => s.TrackingNumber).HasMaxLength(40);
            e.HasIndex(s => new { s.MerchantId, s.State, s.CreatedAt });
            e.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId);
        });

        builder.Entity<ShipmentLine>(e =>
        {
            e.ToTable("ShipmentLines");
            e.HasKey(l => new { l.ShipmentId, l.OrderId, l.LineNumber });
            e.HasIndex(l => new { l.OrderId, l.LineNumber });
        });

        builder.Entity<OrderLinePacking>(e =>
        {
            e.ToTable("OrderLinePackings");
            e.HasKey(p => new { p.OrderId, p.LineNumber });
        });
    }
}
