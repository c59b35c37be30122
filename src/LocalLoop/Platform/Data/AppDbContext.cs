using LocalLoop.Ads;
using LocalLoop.Catalog;
using LocalLoop.Deals;
using LocalLoop.HostedOperation;
using LocalLoop.Discovery;
using LocalLoop.Ledger;
using LocalLoop.Merchants;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Messaging;
using LocalLoop.Platform.Outbox;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Platform.Uploads;
using LocalLoop.Reviews;
using LocalLoop.SandboxGateway;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LocalLoop.Platform.Data;

/// <summary>Pooled (decision 0036): each request's scope rents one and sets <see cref="CurrentUser"/>; see DatabaseSetup.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    /// <summary>Who is asking, set by the scope that rents the context; null in tests' own contexts.</summary>
    public CurrentUser? CurrentUser { get; set; }

    /// <summary>The merchant whose rows the caller may see in the merchant console; null (no filter) elsewhere and in background jobs.</summary>
    private Guid? TenantMerchantId => CurrentUser?.ConsoleMerchantId;

    public DbSet<MerchantApplication> MerchantApplications => Set<MerchantApplication>();
    public DbSet<Merchant> Merchants => Set<Merchant>();
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<StaffStore> StaffStores => Set<StaffStore>();
    public DbSet<HostingGrant> HostingGrants => Set<HostingGrant>();
    public DbSet<HostingAuditEntry> HostingAuditEntries => Set<HostingAuditEntry>();
    public DbSet<StoreHours> StoreHours => Set<StoreHours>();
    public DbSet<StoreHoursException> StoreHoursExceptions => Set<StoreHoursException>();
    public DbSet<RecentView> RecentViews => Set<RecentView>();
    public DbSet<AdPlacement> AdPlacements => Set<AdPlacement>();
    public DbSet<AdDailyStat> AdDailyStats => Set<AdDailyStat>();
    public DbSet<CategoryNode> CategoryNodes => Set<CategoryNode>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<UploadedFile> UploadedFiles => Set<UploadedFile>();
    public DbSet<StorePhoto> StorePhotos => Set<StorePhoto>();
    public DbSet<ProductRevision> ProductRevisions => Set<ProductRevision>();
    public DbSet<Sku> Skus => Set<Sku>();
    public DbSet<SkuItemNumber> SkuItemNumbers => Set<SkuItemNumber>();
    public DbSet<StoreSkuPrice> StoreSkuPrices => Set<StoreSkuPrice>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<Discovery.StoreSearchDoc> StoreSearchDocs => Set<Discovery.StoreSearchDoc>();
    public DbSet<Discovery.StoreSearchTitles> StoreSearchTitles => Set<Discovery.StoreSearchTitles>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<DealStore> DealStores => Set<DealStore>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<Shipping.Shipment> Shipments => Set<Shipping.Shipment>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Wallet> Wallets => Set<Wallet>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<AfterSales.AfterSalesRequest> AfterSalesRequests => Set<AfterSales.AfterSalesRequest>();
    public DbSet<GatewayNotificationLog> GatewayNotifications => Set<GatewayNotificationLog>();
    public DbSet<Voucher> Vouchers => Set<Voucher>();
    public DbSet<VerificationAttempt> VerificationAttempts => Set<VerificationAttempt>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<SandboxTrade> SandboxTrades => Set<SandboxTrade>();
    public DbSet<SandboxRefund> SandboxRefunds => Set<SandboxRefund>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();
    public DbSet<MessagingPreference> MessagingPreferences => Set<MessagingPreference>();
    public DbSet<SandboxMessage> SandboxMessages => Set<SandboxMessage>();
    public DbSet<Inventory.Warehouse> Warehouses => Set<Inventory.Warehouse>();
    public DbSet<Inventory.StockLevel> StockLevels => Set<Inventory.StockLevel>();
    public DbSet<Inventory.StockMovement> StockMovements => Set<Inventory.StockMovement>();
    public DbSet<Inventory.StockReservation> StockReservations => Set<Inventory.StockReservation>();
    public DbSet<Inventory.PurchaseReceipt> PurchaseReceipts => Set<Inventory.PurchaseReceipt>();
    public DbSet<Inventory.Stocktake> Stocktakes => Set<Inventory.Stocktake>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        if (Database.IsSqlite())
        {
            // SQLite has no date type: store UTC instants as sortable integers so ORDER BY and comparisons run in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.HasIndex(u => u.MerchantId);
        });

        builder.Entity<MerchantApplication>(e =>
        {
            e.Property(a => a.BusinessName).HasMaxLength(100);
            e.Property(a => a.LicenseNumber).HasMaxLength(50);
            e.Property(a => a.ContactName).HasMaxLength(50);
            e.Property(a => a.ContactPhone).HasMaxLength(30);
            e.Property(a => a.Category).HasMaxLength(32);
            e.Property(a => a.RejectionReason).HasMaxLength(500);
            e.Property(a => a.LegalName).HasMaxLength(100);
            e.Property(a => a.Categories).HasMaxLength(200);
            e.Property(a => a.DocumentFileIds).HasMaxLength(400);
            e.Property(a => a.ChangesNote).HasMaxLength(500);
            e.HasIndex(a => new { a.Status, a.SubmittedAt });
            e.HasIndex(a => a.ApplicantUserId);
        });

        builder.Entity<Merchant>(e =>
        {
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.Category).HasMaxLength(32);
            e.Property(m => m.FrozenReason).HasMaxLength(500);
        });

        builder.Entity<Store>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.City).HasMaxLength(50);
            e.Property(s => s.Address).HasMaxLength(200);
            e.Property(s => s.Phone).HasMaxLength(30);
            e.Property(s => s.TimeZoneId).HasMaxLength(64);
            e.HasIndex(s => s.MerchantId);
            e.HasIndex(s => new { s.Latitude, s.Longitude });
            e.HasQueryFilter(s => TenantMerchantId == null || s.MerchantId == TenantMerchantId);
        });

        builder.Entity<StoreHours>(e =>
        {
            e.HasIndex(h => new { h.StoreId, h.Day });
            e.HasIndex(h => h.MerchantId);
            e.HasQueryFilter(h => TenantMerchantId == null || h.MerchantId == TenantMerchantId);
        });

        builder.Entity<StoreHoursException>(e =>
        {
            e.Property(x => x.Note).HasMaxLength(100);
            e.HasIndex(x => new { x.StoreId, x.Date }).IsUnique();
            e.HasIndex(x => x.MerchantId);
            e.HasQueryFilter(x => TenantMerchantId == null || x.MerchantId == TenantMerchantId);
        });

        builder.Entity<RecentView>(e =>
        {
            e.HasIndex(v => new { v.UserId, v.Kind, v.TargetId }).IsUnique();
            e.HasIndex(v => new { v.UserId, v.ViewedAt });
        });

        builder.Entity<AdPlacement>(e =>
        {
            e.Property(p => p.Slot).HasMaxLength(32);
            e.Property(p => p.CityCode).HasMaxLength(32);
            e.Property(p => p.TargetUrl).HasMaxLength(500);
            e.Property(p => p.Title).HasMaxLength(60);
            e.Property(p => p.ImageUrl).HasMaxLength(500);
            e.HasIndex(p => new { p.Slot, p.CityCode, p.Active });
        });

        builder.Entity<AdDailyStat>(e =>
        {
            e.HasKey(s => new { s.PlacementId, s.Day });
            e.Property(s => s.Slot).HasMaxLength(32);
            e.HasIndex(s => new { s.Day, s.Slot, s.MerchantId });
        });

        builder.Entity<CategoryNode>(e =>
        {
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(64);
            e.Property(c => c.ParentCode).HasMaxLength(64);
            e.Property(c => c.NameZh).HasMaxLength(50);
            e.Property(c => c.NameEn).HasMaxLength(50);
            e.HasIndex(c => c.ParentCode);
        });

        builder.Entity<Product>(e =>
        {
            e.Property(p => p.Title).HasMaxLength(100);
            e.Property(p => p.CategoryCode).HasMaxLength(64);
            e.HasIndex(p => new { p.MerchantId, p.Status });
            e.HasIndex(p => new { p.CategoryCode, p.IsLive, p.Listed });
            e.HasQueryFilter(p => TenantMerchantId == null || p.MerchantId == TenantMerchantId);
        });

        builder.Entity<UploadedFile>(e =>
        {
            e.Property(f => f.ContentType).HasMaxLength(32);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.HasIndex(f => f.OwnerUserId);
        });

        builder.Entity<StorePhoto>(e =>
        {
            e.HasIndex(p => new { p.StoreId, p.SortOrder });
            e.HasIndex(p => p.MerchantId);
            e.HasQueryFilter(p => TenantMerchantId == null || p.MerchantId == TenantMerchantId);
        });
        Discovery.StoreSearchDocModel.Configure(builder.Entity<Discovery.StoreSearchDoc>());
        Discovery.StoreSearchDocModel.Configure(builder.Entity<Discovery.StoreSearchTitles>());
        if (Database.IsNpgsql())
        {
            builder.HasPostgresExtension("pg_trgm");
        }

        builder.Entity<StaffStore>(e =>
        {
            e.HasKey(s => new { s.UserId, s.StoreId });
            e.HasIndex(s => s.MerchantId);
            e.HasQueryFilter(s => TenantMerchantId == null || s.MerchantId == TenantMerchantId);
        });

        builder.Entity<Deal>(e =>
        {
            e.Property(d => d.Title).HasMaxLength(100);
            e.Property(d => d.Contents).HasMaxLength(2000);
            e.Property(d => d.Category).HasMaxLength(32);
            e.Property(d => d.RejectionReason).HasMaxLength(500);
            e.Property(d => d.Rules).HasColumnName("ValidityRules").HasConversion(ValidityRulesJson.Converter).HasMaxLength(ValidityRulesJson.MaxLength);
            e.HasIndex(d => new { d.MerchantId, d.Status });
            e.HasIndex(d => new { d.Status, d.Category });
            e.HasMany(d => d.Stores).WithOne().HasForeignKey(ds => ds.DealId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(d => TenantMerchantId == null || d.MerchantId == TenantMerchantId);
        });

        builder.Entity<HostingGrant>(e =>
        {
            e.HasIndex(g => new { g.MerchantId, g.GrantedAt });
            e.HasIndex(g => g.AgentUserId);
            // One open grant per merchant and agent, however many requests race (decision 0016).
            e.HasIndex(g => new { g.MerchantId, g.AgentUserId }).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
            e.HasQueryFilter(g => TenantMerchantId == null || g.MerchantId == TenantMerchantId);
        });

        builder.Entity<HostingAuditEntry>(e =>
        {
            e.Property(a => a.Method).HasMaxLength(10);
            e.Property(a => a.Path).HasMaxLength(300);
            e.Property(a => a.Summary).HasMaxLength(300);
            e.HasIndex(a => new { a.MerchantId, a.At });
            e.HasQueryFilter(a => TenantMerchantId == null || a.MerchantId == TenantMerchantId);
        });

        builder.Entity<Holiday>(e =>
        {
            e.HasKey(h => h.Date);
            e.Property(h => h.NameZh).HasMaxLength(50);
            e.Property(h => h.NameEn).HasMaxLength(50);
        });

        builder.Entity<DealStore>(e =>
        {
            e.HasKey(ds => new { ds.DealId, ds.StoreId });
            e.HasIndex(ds => ds.StoreId);
        });

        builder.Entity<Order>(e =>
        {
            e.Property(o => o.DealTitle).HasMaxLength(100);
            e.HasIndex(o => o.ConsumerId);
            e.HasQueryFilter(o => TenantMerchantId == null || o.MerchantId == TenantMerchantId);
        });
        OrderingModel.Configure(builder);
        Shipping.ShippingModel.Configure(builder);
        AfterSales.AfterSalesModel.Configure(builder);
        builder.Entity<AfterSales.AfterSalesRequest>().HasQueryFilter(r => TenantMerchantId == null || r.MerchantId == TenantMerchantId);

        builder.Entity<Payment>(e =>
        {
            e.Property(p => p.TradeNo).HasMaxLength(64);
            e.Property(p => p.GatewayTransactionId).HasMaxLength(64);
            e.HasIndex(p => p.TradeNo).IsUnique();
            e.HasIndex(p => p.OrderId);
        });

        builder.Entity<Wallet>().HasKey(w => w.UserId);

        builder.Entity<Refund>(e =>
        {
            e.Property(r => r.GatewayRefundId).HasMaxLength(64);
            // One refund per voucher, enforced by the database as a last line behind the conditional state change.
            e.HasIndex(r => r.VoucherId).IsUnique();
            e.HasIndex(r => r.OrderId);
            // The refund retry job's scan: only refunds the gateway has not acknowledged.
            e.HasIndex(r => r.CreatedAt, "IX_Refunds_Unsent").HasFilter("\"GatewayRefundId\" IS NULL");
        });

        builder.Entity<GatewayNotificationLog>(e =>
        {
            e.Property(n => n.Body).HasMaxLength(4000);
            e.Property(n => n.Signature).HasMaxLength(200);
            e.Property(n => n.Outcome).HasMaxLength(200);
        });

        builder.Entity<Voucher>(e =>
        {
            e.Property(v => v.Code).HasMaxLength(12);
            e.Property(v => v.DealTitle).HasMaxLength(100);
            e.Property(v => v.Rules).HasColumnName("ValidityRules").HasConversion(ValidityRulesJson.Converter).HasMaxLength(ValidityRulesJson.MaxLength);
            e.HasIndex(v => v.Code).IsUnique();
            e.HasIndex(v => v.ConsumerId);
            e.HasIndex(v => new { v.MerchantId, v.State });
            e.HasIndex(v => v.OrderId);
            // The expiry refund and reminder jobs scan Issued vouchers by expiry (decision 0023).
            e.HasIndex(v => new { v.State, v.ExpiresAt });
            e.HasQueryFilter(v => TenantMerchantId == null || v.MerchantId == TenantMerchantId);
        });

        builder.Entity<VerificationAttempt>(e =>
        {
            e.Property(a => a.Code).HasMaxLength(40);
            e.Property(a => a.Outcome).HasMaxLength(200);
            e.Property(a => a.OutcomeZh).HasMaxLength(200);
            e.Property(a => a.ReversalReason).HasMaxLength(VerificationReversal.MaxReasonLength);
            e.Property(a => a.ExternalPlatform).HasMaxLength(32);
            e.HasIndex(a => new { a.ClerkUserId, a.At });
            e.HasIndex(a => new { a.MerchantId, a.At });
            e.HasIndex(a => a.VoucherId);
            e.HasQueryFilter(a => TenantMerchantId == null || a.MerchantId == TenantMerchantId);
        });

        builder.Entity<LedgerEntry>(e =>
        {
            e.Property(l => l.Account).HasMaxLength(80);
            e.Property(l => l.Kind).HasMaxLength(32);
            e.HasIndex(l => l.Account);
            e.HasIndex(l => l.TransactionId);
        });

        builder.Entity<Review>(e =>
        {
            e.Property(r => r.ConsumerName).HasMaxLength(100);
            e.Property(r => r.Text).HasMaxLength(1000);
            e.HasIndex(r => r.VoucherId).IsUnique();
            e.HasIndex(r => r.StoreId);
            e.HasIndex(r => r.DealId);
        });

        builder.Entity<OutboxMessage>(e =>
        {
            e.Property(m => m.Type).HasMaxLength(100);
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.HasIndex(m => m.DispatchedAt);
        });

        builder.Entity<Notification>(e =>
        {
            e.Property(n => n.Title).HasMaxLength(200);
            e.Property(n => n.Body).HasMaxLength(1000);
            e.HasIndex(n => n.UserId);
        });

        builder.Entity<IdempotencyRecord>(e =>
        {
            e.HasKey(r => r.Key);
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.ContentType).HasMaxLength(100);
        });

        builder.Entity<SandboxTrade>(e =>
        {
            e.HasKey(t => t.TransactionId);
            e.Property(t => t.TransactionId).HasMaxLength(64);
            e.Property(t => t.MerchantTradeNo).HasMaxLength(64);
            e.Property(t => t.Subject).HasMaxLength(200);
            e.Property(t => t.NotifyUrl).HasMaxLength(500);
            e.Property(t => t.ReturnUrl).HasMaxLength(500);
            e.HasIndex(t => t.MerchantTradeNo).IsUnique();
        });

        builder.Entity<DataProtectionKey>(e =>
        {
            e.Property(k => k.FriendlyName).HasMaxLength(200);
            e.Property(k => k.Xml).HasMaxLength(8000);
        });

        builder.Entity<SandboxRefund>(e =>
        {
            e.HasKey(r => r.RefundId);
            e.Property(r => r.RefundId).HasMaxLength(64);
            e.Property(r => r.TransactionId).HasMaxLength(64);
        });

        ExternalCodes.ExternalCodeModel.Configure(builder);
        CatalogModel.Configure(builder);
        Inventory.InventoryModel.Configure(builder);
        PayflowModel.Configure(builder);
        CheckoutPayment.Configure(builder);
        ConfigureMessaging(builder);
    }

    private static void ConfigureMessaging(ModelBuilder builder)
    {
        builder.Entity<OutboundMessage>(e =>
        {
            e.Property(m => m.To).HasMaxLength(256);
            e.Property(m => m.Template).HasMaxLength(50);
            e.Property(m => m.Subject).HasMaxLength(200);
            e.Property(m => m.Body).HasMaxLength(2000);
            e.Property(m => m.LastError).HasMaxLength(500);
            e.Property(m => m.ProviderMessageId).HasMaxLength(300);
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => m.CreatedAt);
        });

        builder.Entity<MessagingPreference>().HasKey(p => p.UserId);

        builder.Entity<SandboxMessage>(e =>
        {
            e.Property(m => m.Id).HasMaxLength(64);
            e.Property(m => m.To).HasMaxLength(256);
            e.Property(m => m.Subject).HasMaxLength(200);
            e.Property(m => m.Text).HasMaxLength(2000);
            e.HasIndex(m => m.ClientMessageId).IsUnique();
        });
    }
}
