using LocalLoop.HostedOperation;
using LocalLoop.Operations;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace LocalLoop.StaffRoles;

/// <summary>
/// The first demo merchant's wider staff (a manager, a warehouse keeper, a customer-service member) and a platform
/// agent running the shop under an active grant, with one audited change, so every role and 代运营 can be tried.
/// </summary>
public static class StaffDemo
{
    public const string ManagerEmail = "manager@demo.localloop";
    public const string WarehouseEmail = "warehouse@demo.localloop";
    public const string ServiceEmail = "service@demo.localloop";
    public const string AgentEmail = "agent@demo.localloop";

    public static async Task SeedAsync(IServiceProvider services, Guid merchantId, Guid ownerId, DateTimeOffset now)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<AppDbContext>();
        await CreateAsync(users, ManagerEmail, "张经理 Manager Zhang", "13700137001", merchantId, Roles.Manager);
        await CreateAsync(users, WarehouseEmail, "刘师傅 Warehouse Liu", "13700137002", merchantId, Roles.Warehouse);
        await CreateAsync(users, ServiceEmail, "客服小周 Service Zhou", "13700137003", merchantId, Roles.CustomerService);
        var agent = await CreateAsync(users, AgentEmail, "陈顾问 Agent Chen", "13700137004", null, Roles.Agent);
        await users.AddToRoleAsync(agent, Roles.Consumer);

        var grant = new HostingGrant
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, AgentUserId = agent.Id, GrantedByUserId = ownerId, GrantedAt = now.AddDays(-7),
            ExpiresAt = now.AddDays(83),
        };
        db.HostingGrants.Add(grant);
        db.HostingAuditEntries.Add(new HostingAuditEntry
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, AgentUserId = agent.Id, GrantId = grant.Id, Method = "POST",
            Path = "/merchant/deals/new", StatusCode = 302, At = now.AddDays(-2), Summary = "/merchant/deals/new → /merchant/deals",
        });
        await db.SaveChangesAsync();
    }

    private static async Task<AppUser> CreateAsync(UserManager<AppUser> users, string email, string name, string phone, Guid? merchantId, string role)
    {
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, PhoneNumber = phone,
            MerchantId = merchantId, CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, DemoData.Password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        return user;
    }
}
