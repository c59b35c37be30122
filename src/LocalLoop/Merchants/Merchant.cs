namespace LocalLoop.Merchants;

/// <summary>A business that sells on LocalLoop, created when a reviewer approves its application.</summary>
public sealed class Merchant
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public Guid OwnerUserId { get; set; }

    /// <summary>The platform's commission on consumed value, in basis points (500 = 5%).</summary>
    public int CommissionRateBasisPoints { get; set; } = 500;

    /// <summary>Frozen merchants vanish from discovery and take no new orders; orders already paid are still honoured.</summary>
    public MerchantStatus Status { get; set; }

    public DateTimeOffset? FrozenAt { get; set; }
    public string? FrozenReason { get; set; }

    /// <summary>Whether consumers may choose cash on delivery for this merchant's delivered and shipped orders.</summary>
    public bool AllowsCashOnDelivery { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum MerchantStatus
{
    Active,
    Frozen,
}

/// <summary>A branch where consumers consume: the place a voucher is verified.</summary>
public sealed class Store : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public string Name { get; set; } = "";
    public string City { get; set; } = "";
    public string Address { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string Phone { get; set; } = "";

    /// <summary>IANA zone the opening hours are read in ("open now" is computed there).</summary>
    public string TimeZoneId { get; set; } = OpeningHours.DefaultTimeZoneId;

    /// <summary>How far from the store it delivers or serves at home, in km.</summary>
    public double ServiceRadiusKm { get; set; } = 5;

    public DateTimeOffset CreatedAt { get; set; }
}

public enum ApplicationStatus
{
    Pending,
    Approved,
    Rejected,

    /// <summary>The reviewer asked for changes (see <see cref="MerchantApplication.ChangesNote"/>); the applicant edits and resubmits.</summary>
    ChangesRequested,
}

/// <summary>A business asking to become a merchant; a reviewer approves it or rejects it with a reason the applicant sees.</summary>
public sealed class MerchantApplication
{
    public Guid Id { get; set; }
    public Guid ApplicantUserId { get; set; }
    public string BusinessName { get; set; } = "";
    public string LicenseNumber { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string Category { get; set; } = "";

    /// <summary>The registered legal name on the licence (may differ from the shop's name).</summary>
    public string LegalName { get; set; } = "";

    /// <summary>All top-level category codes the business sells in, comma-separated; <see cref="Category"/> is the first.</summary>
    public string Categories { get; set; } = "";

    /// <summary>The business licence image (a private upload).</summary>
    public Guid? LicenceFileId { get; set; }

    /// <summary>Further document images, comma-separated upload ids.</summary>
    public string DocumentFileIds { get; set; } = "";

    public ApplicationStatus Status { get; set; }
    public string? RejectionReason { get; set; }

    /// <summary>What the reviewer asked the applicant to change.</summary>
    public string? ChangesNote { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid? ReviewedByUserId { get; set; }
    public Guid? MerchantId { get; set; }
}

/// <summary>Rows that belong to one merchant: staff see only their merchant's rows.</summary>
public interface IMerchantOwned
{
    Guid MerchantId { get; }
}
