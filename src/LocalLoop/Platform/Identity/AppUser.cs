using Microsoft.AspNetCore.Identity;

namespace LocalLoop.Platform.Identity;

/// <summary>Every person who signs in: consumers, merchant staff, couriers and operators.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for merchant staff (owner, clerk): the one merchant whose data they may see.</summary>
    public Guid? MerchantId { get; set; }

    /// <summary>Set while the owner has disabled this staff account: it cannot sign in and its sessions stop working.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

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
    public const string Manager = "Manager";
    public const string Clerk = "Clerk";
    public const string Warehouse = "Warehouse";
    public const string CustomerService = "CustomerService";
    public const string Courier = "Courier";
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";

    /// <summary>A platform agent who runs shops for merchants that granted it hosted operation (代运营).</summary>
    public const string Agent = "Agent";

    public static readonly string[] All = [Consumer, MerchantOwner, Manager, Clerk, Warehouse, CustomerService, Courier, Admin, Reviewer, Agent];
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

    /// <summary>Works at a merchant's counter: owners, managers and clerks.</summary>
    public const string MerchantStaff = "merchant-staff";

    /// <summary>Runs the shop's stores, catalog and deals: owners, managers and a hosted-operation agent.</summary>
    public const string MerchantManage = "merchant-manage";

    /// <summary>Sees the merchant's money (reports, settlement): owners and managers.</summary>
    public const string MerchantFinance = "merchant-finance";

    /// <summary>Moves the merchant's stock: owners, managers and warehouse staff.</summary>
    public const string MerchantInventory = "merchant-inventory";

    /// <summary>Answers the merchant's customers (orders, after-sales): owners, managers and customer service.</summary>
    public const string MerchantService = "merchant-service";
}

public static class AppClaims
{
    public const string MerchantId = "merchant_id";
    public const string DisplayName = "display_name";
}
