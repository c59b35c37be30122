namespace LocalLoop.Payments;

public enum PaymentMethod
{
    Wallet,
    SandboxGateway,
}

public enum PaymentState
{
    Pending,
    Succeeded,
    Cancelled,

    /// <summary>The gateway collected it for an order that could no longer take it, and it was sent back (<see cref="LatePayments"/>).</summary>
    Refunded,
}

/// <summary>One attempt to pay an order, by wallet or through the gateway.</summary>
public sealed class Payment
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid ConsumerId { get; set; }
    public PaymentMethod Method { get; set; }
    public long AmountFen { get; set; }
    public PaymentState State { get; set; }

    /// <summary>Our merchant-side trade number, sent to the gateway and echoed back in its notification.</summary>
    public string TradeNo { get; set; } = "";

    /// <summary>The gateway's own transaction id, known once it notifies success.</summary>
    public string? GatewayTransactionId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SucceededAt { get; set; }

    /// <summary>The checkout payment this order's share came from (wallet and gateway parts of one checkout); null for a single order's payment.</summary>
    public Guid? CheckoutPaymentId { get; set; }

    /// <summary>A pending payment of the order's whole total.</summary>
    public static Payment Of(Ordering.Order order, PaymentMethod method, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrderId = order.Id,
        ConsumerId = order.ConsumerId,
        Method = method,
        AmountFen = order.TotalFen,
        State = PaymentState.Pending,
        TradeNo = NewTradeNo(),
        CreatedAt = now,
    };

    public static string NewTradeNo() => "LL" + Guid.CreateVersion7().ToString("N")[..24].ToUpperInvariant();
}

/// <summary>A consumer's stored balance. Changed only by conditional updates, so it never goes negative.</summary>
public sealed class Wallet
{
    public Guid UserId { get; set; }
    public long BalanceFen { get; set; }
}

/// <summary>
/// Money going back to the consumer the way it came: to the wallet, or through the gateway. It refunds a voucher, or
/// part of a line order (one row per payment the amount came back through; the lines carry what each gave back).
/// </summary>
public sealed class Refund
{
    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public Guid? VoucherId { get; set; }
    public Guid? OrderId { get; set; }
    public Guid ConsumerId { get; set; }
    public PaymentMethod Method { get; set; }
    public long AmountFen { get; set; }
    public string? GatewayRefundId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Every notification the gateway (or anyone claiming to be it) sent us, kept for audit.</summary>
public sealed class GatewayNotificationLog
{
    public Guid Id { get; set; }
    public string Body { get; set; } = "";
    public string? Signature { get; set; }
    public string Outcome { get; set; } = "";
    public bool Accepted { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
