namespace LocalLoop.Payments;

/// <summary>
/// An operator's bonus for topping up the wallet: pay at least <see cref="MinAmountFen"/>, get <see cref="BonusFen"/> on top.
/// Several rules make tiers; a top-up gets the one with the highest threshold it reaches (see <see cref="TopUpBonuses"/>).
/// </summary>
public sealed class TopUpBonusRule
{
    public Guid Id { get; set; }
    public long MinAmountFen { get; set; }
    public long BonusFen { get; set; }

    /// <summary>The rule applies from this moment; null means from now on.</summary>
    public DateTimeOffset? StartsAt { get; set; }

    /// <summary>The rule no longer applies from this moment; null means until paused.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum TopUpState
{
    Pending,
    Succeeded,

    /// <summary>The gateway declined or closed the trade; the consumer starts a new top-up.</summary>
    Failed,
}

/// <summary>
/// A consumer's top-up through the gateway. The bonus is fixed when the top-up starts, so what the consumer saw
/// before paying is what is credited, even if the rule changes while the cashier is open.
/// </summary>
public sealed class WalletTopUp
{
    public Guid Id { get; set; }
    public Guid ConsumerId { get; set; }
    public long AmountFen { get; set; }
    public long BonusFen { get; set; }
    public Guid? BonusRuleId { get; set; }
    public TopUpState State { get; set; }

    /// <summary>Our trade number at the gateway (shares the namespace of <see cref="Payment.TradeNo"/>).</summary>
    public string TradeNo { get; set; } = "";

    public string? GatewayTransactionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SucceededAt { get; set; }
}

/// <summary>
/// Gateway money that arrived for an order that could no longer take it (cancelled, or paid another way) and was
/// sent back through the gateway's refund API. One row per payment: the unique key makes the refund happen once.
/// </summary>
public sealed class LatePaymentRefund
{
    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public Guid OrderId { get; set; }
    public Guid ConsumerId { get; set; }
    public long AmountFen { get; set; }
    public string GatewayTransactionId { get; set; } = "";

    /// <summary>Set once the gateway accepted the refund; until then a repeated notification sends it again.</summary>
    public string? GatewayRefundId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
