namespace LocalLoop.SandboxGateway;

public enum GatewayFaultKind
{
    /// <summary>The payer's payment is declined: the trade fails, no notification, the query says Failed.</summary>
    Fail,

    /// <summary>The payment never completes: no notification, the query keeps saying Processing (pending).</summary>
    Timeout,

    /// <summary>The payment succeeds but its notification is first sent <see cref="GatewayFaultSwitch.DelaySeconds"/> later; the query says Paid at once.</summary>
    NotifyLate,
}

/// <summary>
/// A switch of the sandbox gateway's test console, stored in the database so every app node (and the test that set
/// it) sees the same one. It applies when a payer confirms on the cashier, to trades matching its amount and
/// sub-merchant (null matches any), for <see cref="RemainingUses"/> payments (null: until removed).
/// </summary>
public sealed class GatewayFaultSwitch
{
    public Guid Id { get; set; }
    public GatewayFaultKind Kind { get; set; }
    public long? AmountFen { get; set; }
    public string? SubMerchantId { get; set; }
    public int DelaySeconds { get; set; }
    public int? RemainingUses { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
