namespace LocalLoop.SandboxVoucherPlatform;

/// <summary>A shop opened on the sandbox voucher platform: its id and the secret that signs its API calls.</summary>
public sealed class SandboxPlatformShop
{
    public string ShopId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Secret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public enum SandboxCodeState
{
    Unused,
    Consumed,
}

/// <summary>
/// A code the platform sold to a consumer for a shop. The platform is a different company from ours: its codes,
/// prices and states live in its own tables and reach us only through its signed API.
/// </summary>
public sealed class SandboxPlatformCode
{
    public string Code { get; set; } = "";
    public string ShopId { get; set; } = "";
    public string Title { get; set; } = "";
    public long FaceValueFen { get; set; }

    /// <summary>What the platform pays the shop when the code is consumed (face value minus the platform's own cut).</summary>
    public long SettlementFen { get; set; }

    public SandboxCodeState State { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset ValidUntil { get; set; }
    public DateTimeOffset SoldAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
    public string? ConsumptionId { get; set; }

    /// <summary>A test's switch for this code's consume calls: <see cref="SandboxFaults"/>.</summary>
    public string? Fault { get; set; }
}

/// <summary>One consumption on the platform, keyed by the shop's request id so a repeated consume answers the first one.</summary>
public sealed class SandboxPlatformConsumption
{
    public string ConsumptionId { get; set; } = "";
    public string ShopId { get; set; } = "";
    public string RequestId { get; set; } = "";
    public string Code { get; set; } = "";
    public string StoreRef { get; set; } = "";
    public long SettlementFen { get; set; }
    public DateTimeOffset ConsumedAt { get; set; }
    public DateTimeOffset? ReversedAt { get; set; }
}

/// <summary>A nonce the platform has seen from a shop: a second request carrying it is a replay.</summary>
public sealed class SandboxPlatformNonce
{
    public string ShopId { get; set; } = "";
    public string Nonce { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>Per-code faults a test can sell a code with; they hit the code's consume calls only.</summary>
public static class SandboxFaults
{
    /// <summary>The platform hangs past the caller's timeout and does nothing.</summary>
    public const string Timeout = "timeout";

    /// <summary>The platform consumes the code, then hangs past the caller's timeout: the caller never hears the answer.</summary>
    public const string TimeoutAfterConsume = "timeout-after-consume";

    /// <summary>The platform answers 500 and does nothing.</summary>
    public const string ServerError = "error";

    /// <summary>
    /// The platform consumes the code, then hangs; from then on, while the fault is set, every call about the code
    /// (query, consume, consumption lookup) answers 503: the answer is lost and cannot be confirmed until a test clears it.
    /// </summary>
    public const string OutageAfterConsume = "outage-after-consume";

    public static bool IsKnown(string? fault) => fault is null or Timeout or TimeoutAfterConsume or ServerError or OutageAfterConsume;
}
