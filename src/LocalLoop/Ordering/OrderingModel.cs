using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>The order lines, the cart and the order columns that line orders added.</summary>
public static class OrderingModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Order>(e =>
        {
            e.Property(o => o.RecipientName).HasMaxLength(50);
            e.Property(o => o.RecipientPhone).HasMaxLength(30);
            e.Property(o => o.DeliveryAddress).HasMaxLength(200);
            e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
            e.HasIndex(o => o.CheckoutId);
            e.HasIndex(o => new { o.MerchantId, o.State, o.CreatedAt });
        });

        builder.Entity<OrderLine>(e =>
        {
            e.ToTable("OrderLines");
            e.HasKey(l => new { l.OrderId, l.LineNumber });
            e.Property(l => l.Title).HasMaxLength(100);
            e.Property(l => l.Spec).HasMaxLength(100);
        });

        builder.Entity<CartItem>(e => e.HasKey(i => new { i.ConsumerId, i.SkuId }));
    }
}
