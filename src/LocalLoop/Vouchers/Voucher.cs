namespace LocalLoop.Vouchers;

public enum VoucherState
{
    Issued,
    Verified,
    Refunded,
}

/// <summary>One unit of a paid deal, consumed in a store that honours the deal: once, or a card's (次卡) uses one at a time.</summary>
public sealed class Voucher : Merchants.IMerchantOwned
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public Guid OrderId { get; set; }
    public Guid ConsumerId { get; set; }
    public Guid MerchantId { get; set; }
    public Guid DealId { get; set; }
    public string DealTitle { get; set; } = "";
    public long ValueFen { get; set; }
    public int CommissionRateBasisPoints { get; set; }
    public VoucherState State { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The first instant it may be used: when it was paid, or a fixed window's first local day.</summary>
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public Guid? VerifiedByUserId { get; set; }
    public Guid? VerifiedAtStoreId { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }

    /// <summary>The deal's refund policy when the voucher was issued: what the consumer bought, whatever the deal says later.</summary>
    public Deals.RefundPolicy RefundPolicy { get; set; }

    /// <summary>The deal's validity rules when the voucher was issued, snapshotted like <see cref="RefundPolicy"/>.</summary>
    public Deals.ValidityRules Rules { get; set; } = Deals.ValidityRules.None;

    /// <summary>The platform's commission taken when the voucher was verified (for a card: on all its uses so far).</summary>
    public long? CommissionFen { get; set; }

    /// <summary>How many uses the voucher holds, from its deal at issue: 1, or N for a card (次卡). See <see cref="CardUses"/>.</summary>
    public int TotalUses { get; set; } = 1;

    /// <summary>Uses not yet consumed; the voucher becomes Verified only when its last use is consumed. A refund leaves it as it was (the uses refunded).</summary>
    public int UsesLeft { get; set; } = 1;

    /// <summary>The value of the uses consumed so far: what has moved from escrow to the merchant. A refund returns the rest.</summary>
    public long UsedValueFen { get; set; }

    /// <summary>
    /// When the consumer reviewed this consumption. Kept on the voucher row, so a review and a reversal racing
    /// each other meet on one row's conditional update and only one of them can win.
    /// </summary>
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>The expiry reminder that told the consumer about this voucher (<see cref="ExpiryReminderJob"/>): set once, by a conditional update.</summary>
    public Guid? ExpiryReminderId { get; set; }
}

/// <summary>Every attempt a clerk made to verify a code, successful or not: the verification log and the rate limiter's memory.</summary>
public sealed class VerificationAttempt : Merchants.IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ClerkUserId { get; set; }
    public Guid StoreId { get; set; }
    public string Code { get; set; } = "";
    public Guid? VoucherId { get; set; }
    public bool Succeeded { get; set; }
    public string Outcome { get; set; } = "";

    /// <summary>The outcome in Chinese, for the log in the page's language; null for rows logged before it was kept (and for external platforms' rows).</summary>
    public string? OutcomeZh { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The value of the use this successful verification consumed (a card's share), so a reversal gives back exactly it.</summary>
    public long? ValueFen { get; set; }

    /// <summary>The commission taken on that use.</summary>
    public long? CommissionFen { get; set; }

    /// <summary>Set when a successful verification was reversed (冲正): the voucher went back to Issued.</summary>
    public DateTimeOffset? ReversedAt { get; set; }

    /// <summary>The staff member or operator who reversed it.</summary>
    public Guid? ReversedByUserId { get; set; }

    /// <summary>Why it was reversed, as given by whoever reversed it.</summary>
    public string? ReversalReason { get; set; }

    /// <summary>The external voucher platform whose code this was (三方码); null for our own vouchers.</summary>
    public string? ExternalPlatform { get; set; }
}
