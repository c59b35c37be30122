using System.Globalization;
using LocalLoop.SandboxGateway;

namespace LocalLoop.SandboxVoucherPlatform;

/// <summary>
/// How a shop signs its calls to the sandbox voucher platform: HMAC-SHA256 with the shop's secret over
/// "timestamp\nnonce\nbody". The platform refuses a stale timestamp, a nonce it has seen, and any change to the body.
/// </summary>
public static class PlatformSignature
{
    public const string ShopHeader = "X-Svp-Shop";
    public const string TimestampHeader = "X-Svp-Timestamp";
    public const string NonceHeader = "X-Svp-Nonce";
    public const string SignatureHeader = "X-Svp-Signature";

    /// <summary>How far a request's timestamp may be from the platform's clock; nonces are remembered at least this long.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public static string Payload(long timestamp, string nonce, string body) =>
        string.Create(CultureInfo.InvariantCulture, $"{timestamp}\n{nonce}\n{body}");

    public static string Sign(long timestamp, string nonce, string body, string secret) => GatewaySignature.Sign(Payload(timestamp, nonce, body), secret);

    public static bool IsValid(long timestamp, string nonce, string body, string? signature, string secret) =>
        GatewaySignature.IsValid(Payload(timestamp, nonce, body), signature, secret);
}

/// <summary>The sandbox platform's behaviour switches (<c>ExternalCodes:Sandbox</c>), and where our client finds it.</summary>
public sealed class SandboxPlatformOptions
{
    /// <summary>Where the platform lives; empty means this same app.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Added to every API call, as a remote service would be slow.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share of API calls (0 to 1) answered 503 without doing anything.</summary>
    public double FailureRate { get; set; }

    /// <summary>How long our client waits for the platform before it treats the call's outcome as unknown.</summary>
    public int TimeoutMs { get; set; } = 3000;
}

public sealed record OpenShopRequest(string Name);

public sealed record OpenShopResponse(string ShopId, string Secret);

public sealed record ShopInfo(string ShopId, string Name);

/// <param name="Fault">Optional, for tests: <see cref="SandboxFaults"/>.</param>
public sealed record SellCodesRequest(string Title, long FaceValueFen, long SettlementFen, int Count, int ValidDays, string? Fault = null);

public sealed record SellCodesResponse(List<string> Codes);

public sealed record CodeQueryRequest(string Code);

/// <param name="State">UNUSED, CONSUMED or EXPIRED.</param>
public sealed record CodeInfo(string Code, string Title, long FaceValueFen, long SettlementFen, string State, DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil, DateTimeOffset? ConsumedAt);

public sealed record ConsumeRequest(string Code, string RequestId, string StoreRef);

public sealed record ConsumptionQueryRequest(string RequestId);

public sealed record ConsumptionInfo(string ConsumptionId, string RequestId, string Code, long SettlementFen, DateTimeOffset ConsumedAt, DateTimeOffset? ReversedAt);

public sealed record ReverseConsumptionRequest(string ConsumptionId);
