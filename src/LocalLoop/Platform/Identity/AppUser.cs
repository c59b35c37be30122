using Microsoft.AspNetCore.Identity;

namespace LocalLoop.Platform.Identity;

/// <summary>Every person who signs in: consumers, merchant staff, couriers and operators.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for merchant staff (owner, clerk): the one merchant whose data they may see.</summary>
    public Guid? MerchantId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name) : base(name)
    {
    }
}

public static class Roles
{
    public const string Consumer = "Consumer";
    public const string MerchantOwner = "MerchantOwner";
    public const string Clerk = "Clerk";
    public const string Courier = "Courier";
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";

    public static readonly string[] All = [Consumer, MerchantOwner, Clerk, Courier, Admin, Reviewer];
}

public static class Policies
{
    /// <summary>Reviews merchant applications and deals: reviewers and admins.</summary>
    public const string Review = "review";

    /// <summary>Sees the operator dashboard.</summary>
    public const string Operator = "operator";

    /// <summary>Overrides merchants' own limits, e.g. reverses a verification after the store's window: admins only.</summary>
    public const string Admin = "admin";

    /// <summary>Runs a merchant: owners only.</summary>
    public const string MerchantOwner = "merchant-owner";

    /// <summary>Works at a merchant: owners and clerks.</summary>
    public const string MerchantStaff = "merchant-staff";
}

public static class AppClaims
{
    public const string MerchantId = "merchant_id";
    public const string DisplayName = "display_name";
}
