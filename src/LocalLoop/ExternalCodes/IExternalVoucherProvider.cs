namespace LocalLoop.ExternalCodes;

/// <summary>A merchant's credentials on a platform, as the provider signs its calls with them.</summary>
public sealed record ExternalShop(string ShopId, string Secret);

public enum ExternalCodeState
{
    Usable,
    Used,
    Expired,
}

/// <summary>What an external code is for, as its platform says: title, face value, what the platform pays the merchant, state and validity.</summary>
public sealed record ExternalCodeDetails(string Code, string Title, long FaceValueFen, long SettlementFen, ExternalCodeState State,
    DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, DateTimeOffset? ConsumedAt);

/// <summary>The platform's record of a consumption made with our request id.</summary>
public sealed record ExternalReceipt(string ConsumptionId, string RequestId, string Code, long SettlementFen, DateTimeOffset ConsumedAt, bool Reversed);

/// <summary>
/// An external voucher platform (三方码), as the big platforms' local-life APIs work: query a code, consume it for a
/// store (idempotent by our request id), find a consumption by that request id when an answer was lost, reverse it.
/// Failures are <see cref="ExternalPlatformException"/>s that say whether the outcome is known.
/// </summary>
public interface IExternalVoucherProvider
{
    /// <summary>The platform's key in bindings and logs ("sandbox").</summary>
    string Platform { get; }

    string Name(bool chinese);

    /// <summary>Whether <paramref name="input"/> is one of this platform's codes (spaces and case forgiven), and its canonical form.</summary>
    bool TryReadCode(string input, out string code);

    /// <summary>Checks the credentials with a signed call; returns the shop's name on the platform.</summary>
    Task<string> CheckShopAsync(ExternalShop shop);

    Task<ExternalCodeDetails> QueryAsync(ExternalShop shop, string code);

    /// <param name="storeRef">The store as the platform knows it (our store id: the sandbox maps stores one to one).</param>
    Task<ExternalReceipt> ConsumeAsync(ExternalShop shop, string code, string storeRef, string requestId);

    /// <summary>The consumption made with <paramref name="requestId"/>, or null when the platform made none.</summary>
    Task<ExternalReceipt?> FindConsumptionAsync(ExternalShop shop, string requestId);

    Task<ExternalReceipt> ReverseAsync(ExternalShop shop, string consumptionId);
}

public enum ExternalFailure
{
    /// <summary>The platform does not know the code (for this shop).</summary>
    UnknownCode,
    Used,
    Expired,

    /// <summary>The platform rejected our credentials or signature: nothing was done.</summary>
    CredentialsRejected,

    /// <summary>The platform refused for another reason: nothing was done.</summary>
    Refused,

    /// <summary>No answer (timeout, 5xx, network): whether anything was done is unknown.</summary>
    Unavailable,
}

/// <summary>A provider's failure, for our use cases to turn into a refusal the clerk can read.</summary>
/// <param name="remoteCode">The platform's own error code, when it answered with one.</param>
public sealed class ExternalPlatformException(ExternalFailure failure, string message, string? remoteCode = null, Exception? inner = null) : Exception(message, inner)
{
    public ExternalFailure Failure { get; } = failure;

    public string? RemoteCode { get; } = remoteCode;
}

/// <summary>The providers by platform key.</summary>
public sealed class ExternalVoucherProviders(IEnumerable<IExternalVoucherProvider> providers)
{
    private readonly Dictionary<string, IExternalVoucherProvider> _byPlatform = providers.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    public IExternalVoucherProvider? Find(string platform) => _byPlatform.GetValueOrDefault(platform);
}
