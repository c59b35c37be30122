using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

/// <summary>The inventory tables. They carry no tenant filter: every query names the merchant.</summary>
public static class InventoryModel
{
    public const int MaxNameLength = 50;
    public const int MaxNoteLength = 200;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Warehouse>(e =>
        {
            e.Property(w => w.Name).HasMaxLength(MaxNameLength);
            e.HasIndex(w => w.MerchantId);
        });

        builder.Entity<StockLevel>(e =>
        {
            e.HasKey(l => new { l.LocationId, l.SkuId });
            e.HasIndex(l => new { l.MerchantId, l.LocationId });
        });

        builder.Entity<StockMovement>(e =>
        {
            e.Property(m => m.Reference).HasMaxLength(100);
            e.Property(m => m.Note).HasMaxLength(MaxNoteLength);
            e.Property(m => m.ActorName).HasMaxLength(100);
            e.HasIndex(m => new { m.MerchantId, m.Id });
            e.HasIndex(m => new { m.LocationId, m.SkuId });
        });

        builder.Entity<StockReservation>(e =>
        {
            e.Property(r => r.Reference).HasMaxLength(100);
            e.HasIndex(r => new { r.MerchantId, r.Reference }).IsUnique();
        });

        builder.Entity<PurchaseReceipt>(e =>
        {
            e.Property(r => r.Supplier).HasMaxLength(MaxNameLength);
            e.Property(r => r.Note).HasMaxLength(MaxNoteLength);
            e.HasIndex(r => new { r.MerchantId, r.CreatedAt });
            e.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReceiptId);
        });

        builder.Entity<PurchaseReceiptLine>(e =>
        {
            e.ToTable("PurchaseReceiptLines");
            e.HasKey(l => new { l.ReceiptId, l.LineNumber });
        });

        builder.Entity<Stocktake>(e =>
        {
            e.Property(s => s.ApprovedBy).HasMaxLength(100);
            e.HasIndex(s => new { s.MerchantId, s.CreatedAt });
            e.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.StocktakeId);
        });

        builder.Entity<StocktakeLine>(e =>
        {
            e.ToTable("StocktakeLines");
            e.HasKey(l => new { l.StocktakeId, l.SkuId });
        });
    }
}
