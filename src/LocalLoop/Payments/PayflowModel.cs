using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

/// <summary>Tables of wallet top-ups, late-payment refunds and the sandbox gateway's fault switches (decision 0021).</summary>
public static class PayflowModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<TopUpBonusRule>().ToTable("TopUpBonusRules");

        builder.Entity<WalletTopUp>(e =>
        {
            e.ToTable("WalletTopUps");
            e.Property(t => t.TradeNo).HasMaxLength(64);
            e.Property(t => t.GatewayTransactionId).HasMaxLength(64);
            e.HasIndex(t => t.TradeNo).IsUnique();
            e.HasIndex(t => t.ConsumerId);
        });

        builder.Entity<LatePaymentRefund>(e =>
        {
            e.ToTable("LatePaymentRefunds");
            e.Property(r => r.GatewayTransactionId).HasMaxLength(64);
            e.Property(r => r.GatewayRefundId).HasMaxLength(64);
            // One refund per payment, enforced by the database behind the payment's conditional state change.
            e.HasIndex(r => r.PaymentId).IsUnique();
        });

        builder.Entity<GatewayFaultSwitch>(e =>
        {
            e.ToTable("GatewayFaultSwitches");
            e.Property(f => f.SubMerchantId).HasMaxLength(64);
        });

        builder.Entity<SandboxTrade>().Property(t => t.SubMerchantId).HasMaxLength(64);

        // The unpaid-order job looks for pending orders by age.
        builder.Entity<Ordering.Order>().HasIndex(o => new { o.State, o.CreatedAt });
    }
}
