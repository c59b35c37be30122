using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

public enum CheckoutPaymentState
{
    /// <summary>The wallet part is held; the gateway trade is open.</summary>
    Pending,

    /// <summary>Every order of the payment is paid: the held wallet part and the gateway part went to escrow.</summary>
    Succeeded,

    /// <summary>Given up (closed, failed, orders cancelled or paid another way): the held wallet part went back to the wallet.</summary>
    Cancelled,

    /// <summary>The gateway part arrived when the orders could no longer take it and was sent back (the hold went back too).</summary>
    Refunded,
}

/// <summary>
/// One payment of the unpaid orders of a checkout, split by the consumer between the wallet and one gateway trade
/// (decision 0029). The wallet part is debited when the payment starts and held in <see cref="Ledger.Accounts.PaymentHolds"/>
/// until the gateway's notification pays every order, or the payment is given up and the hold goes back. On success each
/// order gets a <see cref="Payment"/> per method (<see cref="Payment.CheckoutPaymentId"/>), so refunds go back the way the money came.
/// </summary>
public sealed class CheckoutPayment
{
    public Guid Id { get; set; }
    public Guid CheckoutId { get; set; }
    public Guid ConsumerId { get; set; }

    /// <summary>The orders this payment pays, comma-separated ids, fixed when it starts: the amounts were computed for exactly these.</summary>
    public string OrderIds { get; set; } = "";

    public long TotalFen { get; set; }
    public long WalletFen { get; set; }
    public long GatewayFen { get; set; }
    public CheckoutPaymentState State { get; set; }

    /// <summary>Our trade number at the gateway for the gateway part (shares the namespace of <see cref="Payment.TradeNo"/>).</summary>
    public string TradeNo { get; set; } = "";

    public string? GatewayTransactionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    public IReadOnlyList<Guid> Orders() => [.. OrderIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CheckoutPayment>(e =>
        {
            e.ToTable("CheckoutPayments");
            e.Property(p => p.OrderIds).HasMaxLength(2000);
            e.Property(p => p.TradeNo).HasMaxLength(64);
            e.Property(p => p.GatewayTransactionId).HasMaxLength(64);
            e.HasIndex(p => p.TradeNo).IsUnique();
            e.HasIndex(p => new { p.CheckoutId, p.State });
        });
        builder.Entity<Payment>().HasIndex(p => p.CheckoutPaymentId);
    }
}
