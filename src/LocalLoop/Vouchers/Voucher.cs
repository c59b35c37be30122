namespace LocalLoop.Vouchers;

public enum VoucherState
{
    Issued,
    Verified,
    Refunded,
}

/// <summary>One unit of a paid deal, consumed exactly once in a store that honours the deal.</summary>
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
    public DateTimeOffset? VerifiedAt { get; set; }
    public Guid? VerifiedByUserId { get; set; }
    public Guid? VerifiedAtStoreId { get; set; }
    public DateTimeOffset? RefundedAt { get; set; }

    /// <summary>The deal's refund policy when the voucher was issued: what the consumer bought, whatever the deal says later.</summary>
    public Deals.RefundPolicy RefundPolicy { get; set; }

    /// <summary>The platform's commission taken when the voucher was verified.</summary>
    public long? CommissionFen { get; set; }

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
    public DateTimeOffset At { get; set; }

    /// <summary>Set when a successful verification was reversed (冲正): the voucher went back to Issued.</summary>
    public DateTimeOffset? ReversedAt { get; set; }

    /// <summary>The staff member or operator who reversed it.</summary>
    public Guid? ReversedByUserId { get; set; }

    /// <summary>Why it was reversed, as given by whoever reversed it.</summary>
    public string? ReversalReason { get; set; }
}
