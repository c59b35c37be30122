using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

/// <summary>
/// The catalog's tables beyond the foundation's categories and products. They carry no tenant filter: every query
/// names the merchant (the product's own filter guards the console).
/// </summary>
public static class CatalogModel
{
    public const int MaxKindFieldsLength = 4000;
    public const int MaxSpecsLength = 2000;

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Brand>(e =>
        {
            e.Property(b => b.NameZh).HasMaxLength(50);
            e.Property(b => b.NameEn).HasMaxLength(50);
            e.HasIndex(b => b.NameZh).IsUnique();
            e.HasIndex(b => b.NameEn).IsUnique();
        });

        builder.Entity<ProductRevision>(e =>
        {
            e.Property(r => r.Title).HasMaxLength(100);
            e.Property(r => r.CategoryCode).HasMaxLength(64);
            e.Property(r => r.Description).HasMaxLength(2000);
            e.Property(r => r.KindFields).HasMaxLength(MaxKindFieldsLength);
            e.Property(r => r.Specs).HasMaxLength(MaxSpecsLength);
            e.Property(r => r.RejectionReason).HasMaxLength(500);
            e.HasIndex(r => new { r.ProductId, r.Number }).IsUnique();
            e.HasIndex(r => new { r.Status, r.SubmittedAt });
            e.HasIndex(r => r.CategoryCode);
        });

        builder.Entity<Sku>(e =>
        {
            e.HasKey(s => new { s.RevisionId, s.Id });
            e.Property(s => s.Values).HasMaxLength(400);
            e.Property(s => s.ItemNumber).HasMaxLength(40);
            e.Property(s => s.Barcode).HasMaxLength(13);
            e.HasIndex(s => s.ProductId);
        });

        builder.Entity<SkuItemNumber>(e =>
        {
            e.HasKey(n => new { n.MerchantId, n.ItemNumber });
            e.Property(n => n.ItemNumber).HasMaxLength(40);
            e.HasIndex(n => n.ProductId);
        });

        builder.Entity<StoreSkuPrice>(e =>
        {
            e.HasKey(p => new { p.StoreId, p.SkuId });
            e.HasIndex(p => p.ProductId);
        });
    }
}
