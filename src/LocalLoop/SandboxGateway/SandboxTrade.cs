namespace LocalLoop.SandboxGateway;

public enum SandboxTradeState
{
    AwaitingPayment,
    Paid,
    Closed,

    /// <summary>The payer confirmed but the payment has not completed (a <see cref="GatewayFaultKind.Timeout"/>): no notification; closing gives up on it.</summary>
    Processing,

    /// <summary>The payment was declined (a <see cref="GatewayFaultKind.Fail"/>); the merchant starts a new trade to try again.</summary>
    Failed,
}

/// <summary>
/// The gateway's own record of a trade. The sandbox gateway stands in for a third party outside the machine,
/// so it keeps its own table and talks to the app only through signed HTTP.
/// </summary>
public sealed class SandboxTrade
{
    public string TransactionId { get; set; } = "";
    public string MerchantTradeNo { get; set; } = "";
    public long AmountFen { get; set; }
    public long RefundedFen { get; set; }
    public string Subject { get; set; } = "";

    /// <summary>The platform's merchant the trade is for (a service provider's sub-merchant id), as test-console switches match it.</summary>
    public string? SubMerchantId { get; set; }
    public string NotifyUrl { get; set; } = "";
    public string ReturnUrl { get; set; } = "";
    public SandboxTradeState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public int NotifyAttempts { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }
    public DateTimeOffset? NextNotifyAt { get; set; }
}

/// <summary>A refund the gateway has made, keyed by the id derived from the app's refund number.</summary>
public sealed class SandboxRefund
{
    public string RefundId { get; set; } = "";
    public string TransactionId { get; set; } = "";
    public long AmountFen { get; set; }
}
