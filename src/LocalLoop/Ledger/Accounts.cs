namespace LocalLoop.Ledger;

/// <summary>Ledger account names. One place, so that reports and postings agree on spelling.</summary>
public static class Accounts
{
    /// <summary>Money held by the platform between payment and consumption (or refund).</summary>
    public const string PlatformEscrow = "platform:escrow";

    /// <summary>Commission the platform earned on consumed value.</summary>
    public const string PlatformRevenue = "platform:revenue";

    /// <summary>Money outside LocalLoop that arrived or left through the sandbox gateway; its balance is minus what the gateway owes us.</summary>
    public const string SandboxGateway = "external:sandbox-gateway";

    /// <summary>Funding of demo wallets, so that seeded balances still come from a balanced transaction.</summary>
    public const string DemoFunding = "external:demo-funding";

    /// <summary>Top-up bonuses the platform gives: marketing expense, so its balance is minus what was given.</summary>
    public const string PlatformMarketing = "platform:marketing";

    /// <summary>Gateway money for orders that could no longer take it, between its arrival and its refund (nets to zero).</summary>
    public const string LatePayments = "platform:late-payments";

    /// <summary>Wallet parts of checkout payments debited while their gateway part is awaited (returned or moved to escrow).</summary>
    public const string PaymentHolds = "platform:payment-holds";

    public static string ConsumerWallet(Guid userId) => $"consumer:{userId}:wallet";

    /// <summary>What a merchant has earned but not yet been paid out (settlement comes later).</summary>
    public static string MerchantPending(Guid merchantId) => $"merchant:{merchantId}:pending";
}
