namespace LocalLoop.Deals;

public enum DealStatus
{
    PendingReview,
    Approved,
    Rejected,
}

/// <summary>
/// What happens to an unused voucher's money, chosen by the owner per deal and snapshotted onto each voucher when it
/// is issued, so a later change cannot alter what the consumer bought.
/// </summary>
public enum RefundPolicy
{
    /// <summary>随时退 · 过期自动退: the consumer may refund an unused voucher at any time; unused at expiry, it is refunded automatically.</summary>
    AnyTime,

    /// <summary>过期自动退: no refund on request, but a voucher still unused at expiry is refunded automatically.</summary>
    ExpiryOnly,

    /// <summary>不可退: no refund on request and none at expiry; an unused voucher simply expires.</summary>
    None,
}

public static class RefundPolicies
{
    public static bool RefundableOnRequest(this RefundPolicy policy) => policy == RefundPolicy.AnyTime;

    public static bool RefundedAtExpiry(this RefundPolicy policy) => policy is RefundPolicy.AnyTime or RefundPolicy.ExpiryOnly;

    /// <summary>Reads a policy by its name (any case); a number or an unknown name is not a policy.</summary>
    public static bool TryParse(string? value, out RefundPolicy policy)
    {
        foreach (var candidate in Enum.GetValues<RefundPolicy>())
        {
            if (string.Equals(candidate.ToString(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                policy = candidate;
                return true;
            }
        }

        policy = RefundPolicy.AnyTime;
        return false;
    }

    /// <summary>The policy as the consumer reads it: "随时退 · 过期自动退", "过期自动退", "不可退".</summary>
    public static string Name(this RefundPolicy policy, bool chinese) => policy switch
    {
        RefundPolicy.AnyTime => chinese ? "随时退 · 过期自动退" : "Refund any time · auto-refund at expiry",
        RefundPolicy.ExpiryOnly => chinese ? "过期自动退" : "Auto-refund at expiry",
        _ => chinese ? "不可退" : "Non-refundable",
    };

    /// <summary>One sentence saying what the policy means for the consumer.</summary>
    public static string Explanation(this RefundPolicy policy, bool chinese) => policy switch
    {
        RefundPolicy.AnyTime => chinese ? "未使用的券随时可申请退款；过期未使用的券自动退款，原路退回。"
            : "Refund an unused voucher at any time; one still unused when it expires is refunded automatically, back the way you paid.",
        RefundPolicy.ExpiryOnly => chinese ? "购买后不能申请退款；过期未使用的券自动退款，原路退回。"
            : "No refund on request; a voucher still unused when it expires is refunded automatically, back the way you paid.",
        _ => chinese ? "购买后不能退款，过期未使用也不退款。"
            : "No refund: not on request and not when an unused voucher expires.",
    };

    /// <summary>The badge class: green for refundable at any time, amber for expiry only, red for none.</summary>
    public static string Badge(this RefundPolicy policy) => policy switch
    {
        RefundPolicy.AnyTime => "badge-success",
        RefundPolicy.ExpiryOnly => "badge-warning",
        _ => "badge-danger",
    };
}

/// <summary>
/// A group-buy deal (团购): a package sold online as vouchers and consumed in one of the stores that honour it.
/// Consumers see it only once a reviewer has approved it.
/// </summary>
public sealed class Deal : Merchants.IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Title { get; set; } = "";
    public string Contents { get; set; } = "";
    public string Category { get; set; } = "";
    public long PriceFen { get; set; }
    public long OriginalPriceFen { get; set; }
    /// <summary>N days from purchase; for a fixed window (<see cref="ValidityRules.HasFixedWindow"/>), the window's length in days.</summary>
    public int ValidityDays { get; set; }
    public RefundPolicy RefundPolicy { get; set; }
    public ValidityRules Rules { get; set; } = ValidityRules.None;

    /// <summary>How many uses each voucher of this deal holds: 1 is an ordinary voucher, more is a card (次卡), e.g. 10 gym visits.</summary>
    public int UsesPerVoucher { get; set; } = 1;

    public DealStatus Status { get; set; }
    public string? RejectionReason { get; set; }
    public int SoldCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DealStore> Stores { get; set; } = [];
}

/// <summary>A store that honours a deal.</summary>
public sealed class DealStore
{
    public Guid DealId { get; set; }
    public Guid StoreId { get; set; }
}
