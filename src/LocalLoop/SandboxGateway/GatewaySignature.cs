using System.Security.Cryptography;
using System.Text;

namespace LocalLoop.SandboxGateway;

/// <summary>HMAC-SHA256 over the exact request body, hex-encoded, in the <see cref="Header"/> header — both directions between app and gateway.</summary>
public static class GatewaySignature
{
    public const string Header = "X-Sandbox-Signature";

    public static string Sign(string body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static bool IsValid(string body, string? signature, string secret)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(body, secret));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}

/// <summary>Settings shared by the app and the sandbox gateway (in production the gateway's key would come from its merchant portal).</summary>
public sealed class SandboxGatewayOptions
{
    public string Secret { get; set; } = "";

    /// <summary>Where the gateway lives; empty means this same app, at the address the current request came in on.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Delays between notification retries until the app acknowledges with "success".</summary>
    public int[] NotifyRetrySeconds { get; set; } = [1, 2, 5, 15, 60];
}

public sealed record CreateTradeRequest(string MerchantTradeNo, long AmountFen, string Subject, string NotifyUrl, string ReturnUrl, string? SubMerchantId = null);

/// <summary>The query API's answer; <c>State</c> is a <see cref="SandboxTradeState"/> name (Processing is the "pending" of a timed-out payment).</summary>
public sealed record TradeQueryResponse(string TransactionId, string MerchantTradeNo, long AmountFen, long RefundedFen, string State);

public sealed record CreateTradeResponse(string TransactionId, string CashierUrl);

public sealed record CloseTradeRequest(string MerchantTradeNo);

public sealed record RefundTradeRequest(string TransactionId, string RefundNo, long AmountFen);

public sealed record RefundTradeResponse(string RefundId, string Status);

/// <summary>What the gateway POSTs to the app's notify URL when a trade is paid.</summary>
public sealed record TradeNotification(string TransactionId, string MerchantTradeNo, long AmountFen, string Status, DateTimeOffset PaidAt, string Nonce);
