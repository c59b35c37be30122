using LocalLoop.Merchants;
using LocalLoop.Platform.Data;
using LocalLoop.SandboxVoucherPlatform;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.ExternalCodes;

/// <summary>A merchant's account on an external voucher platform: the platform's shop id and the secret that signs calls for it.</summary>
public sealed class ExternalPlatformBinding : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Platform { get; set; } = "";
    public string ShopId { get; set; } = "";

    /// <summary>The shop's secret, encrypted with the app's data-protection keys; never shown again after binding.</summary>
    public string ProtectedSecret { get; set; } = "";

    public DateTimeOffset BoundAt { get; set; }
    public Guid BoundByUserId { get; set; }
}

public enum ExternalConsumptionState
{
    /// <summary>Asked the platform to consume; its answer has not been heard yet. Never counted as consumed.</summary>
    Pending,
    Consumed,

    /// <summary>The platform refused, or confirmed it has no consumption for our request id.</summary>
    Failed,
    Reversed,
}

/// <summary>
/// One attempt to consume an external code and what became of it. The platform's settlement price is kept here:
/// the external platform pays the merchant itself, so nothing of it goes through our ledger.
/// </summary>
public sealed class ExternalConsumption : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Platform { get; set; } = "";
    public string Code { get; set; } = "";

    /// <summary>Our idempotency key on the platform: a retry reuses it, so the platform consumes at most once.</summary>
    public string RequestId { get; set; } = "";

    public string? RemoteConsumptionId { get; set; }
    public string Title { get; set; } = "";
    public long FaceValueFen { get; set; }

    /// <summary>What the platform owes the merchant for this consumption.</summary>
    public long SettlementFen { get; set; }

    public Guid StoreId { get; set; }
    public Guid ClerkUserId { get; set; }
    public ExternalConsumptionState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }

    /// <summary>The verification log row of the successful consumption.</summary>
    public Guid? AttemptId { get; set; }

    public DateTimeOffset? ReversedAt { get; set; }
    public Guid? ReversedByUserId { get; set; }
    public string? ReversalReason { get; set; }
}

/// <summary>The tables of external codes (ours) and of the sandbox platform (theirs), configured outside AppDbContext to keep this capability in its folders.</summary>
public static class ExternalCodeModel
{
    extension(AppDbContext db)
    {
        public DbSet<ExternalPlatformBinding> ExternalBindings => db.Set<ExternalPlatformBinding>();

        public DbSet<ExternalConsumption> ExternalConsumptions => db.Set<ExternalConsumption>();
    }

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ExternalPlatformBinding>(e =>
        {
            e.ToTable("ExternalPlatformBindings");
            e.Property(b => b.Platform).HasMaxLength(32);
            e.Property(b => b.ShopId).HasMaxLength(64);
            e.Property(b => b.ProtectedSecret).HasMaxLength(1000);
            e.HasIndex(b => new { b.MerchantId, b.Platform }).IsUnique();
            // One shop, one merchant: codes of a shop are consumed for one merchant only.
            e.HasIndex(b => new { b.Platform, b.ShopId }).IsUnique();
        });

        builder.Entity<ExternalConsumption>(e =>
        {
            e.ToTable("ExternalConsumptions");
            e.Property(c => c.Platform).HasMaxLength(32);
            e.Property(c => c.Code).HasMaxLength(40);
            e.Property(c => c.RequestId).HasMaxLength(64);
            e.Property(c => c.RemoteConsumptionId).HasMaxLength(64);
            e.Property(c => c.Title).HasMaxLength(100);
            e.Property(c => c.ReversalReason).HasMaxLength(Vouchers.VerificationReversal.MaxReasonLength);
            e.HasIndex(c => c.RequestId).IsUnique();
            e.HasIndex(c => new { c.MerchantId, c.Platform, c.Code });
            e.HasIndex(c => new { c.MerchantId, c.State, c.ConsumedAt });
            // The pending job scans Pending rows of every merchant, oldest first (decision 0023).
            e.HasIndex(c => new { c.State, c.CreatedAt });
        });

        builder.Entity<SandboxPlatformShop>(e =>
        {
            e.ToTable("SandboxPlatformShops");
            e.HasKey(s => s.ShopId);
            e.Property(s => s.ShopId).HasMaxLength(32);
            e.Property(s => s.Name).HasMaxLength(100);
            e.Property(s => s.Secret).HasMaxLength(100);
        });

        builder.Entity<SandboxPlatformCode>(e =>
        {
            e.ToTable("SandboxPlatformCodes");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(16);
            e.Property(c => c.ShopId).HasMaxLength(32);
            e.Property(c => c.Title).HasMaxLength(100);
            e.Property(c => c.ConsumptionId).HasMaxLength(32);
            e.Property(c => c.Fault).HasMaxLength(32);
            e.HasIndex(c => c.ShopId);
        });

        builder.Entity<SandboxPlatformConsumption>(e =>
        {
            e.ToTable("SandboxPlatformConsumptions");
            e.HasKey(c => c.ConsumptionId);
            e.Property(c => c.ConsumptionId).HasMaxLength(32);
            e.Property(c => c.ShopId).HasMaxLength(32);
            e.Property(c => c.RequestId).HasMaxLength(64);
            e.Property(c => c.Code).HasMaxLength(16);
            e.Property(c => c.StoreRef).HasMaxLength(64);
            e.HasIndex(c => new { c.ShopId, c.RequestId }).IsUnique();
        });

        builder.Entity<SandboxPlatformNonce>(e =>
        {
            e.ToTable("SandboxPlatformNonces");
            e.HasKey(n => new { n.ShopId, n.Nonce });
            e.Property(n => n.ShopId).HasMaxLength(32);
            e.Property(n => n.Nonce).HasMaxLength(64);
            e.HasIndex(n => n.At);
        });
    }
}
