using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.HostedOperation;

/// <summary>
/// An admin makes a platform user an agent, who may then be granted hosted operation by merchants, and removes them:
/// removal revokes every open grant, so an agent acting for a merchant is refused from their next request.
/// </summary>
public sealed class AgentAdmin(UserManager<AppUser> users, AppDbContext db, TimeProvider clock)
{
    public sealed record AgentRequest(string? User);

    public sealed record OperatedMerchant(Guid MerchantId, string MerchantName, Guid GrantId, DateTimeOffset? ExpiresAt);

    /// <param name="Operating">The merchants whose grant is active now.</param>
    public sealed record AgentView(Guid Id, string DisplayName, string Email, string? Phone, List<OperatedMerchant> Operating);

    public async Task<AgentView> AppointAsync(AgentRequest request)
    {
        var user = (request.User ?? "").Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(request.User!.Trim())
            : await users.Users.Where(u => u.PhoneNumber == (request.User ?? "").Trim() && u.PhoneNumber != "").OrderBy(u => u.CreatedAt).FirstOrDefaultAsync();
        if (user is null)
        {
            throw DomainException.NotFound("User with this email or phone", "使用该邮箱或手机号的用户");
        }

        if (user.MerchantId is not null)
        {
            throw DomainException.Conflict("staff_cannot_be_agent", "Merchant staff accounts cannot be agents: use a platform account.",
                "商家员工账号不能成为代运营人员，请使用平台账号。");
        }

        if (!await users.IsInRoleAsync(user, Roles.Agent))
        {
            await users.AddToRoleAsync(user, Roles.Agent);
            await users.UpdateSecurityStampAsync(user);
        }

        return (await ViewsAsync([user])).Single();
    }

    /// <summary>Takes the role away and revokes the agent's open grants in the name of the admin. Not an agent: 404.</summary>
    public async Task RemoveAsync(Guid agentUserId, Guid adminId)
    {
        var user = await users.FindByIdAsync(agentUserId.ToString());
        if (user is null || !await users.IsInRoleAsync(user, Roles.Agent))
        {
            throw DomainException.NotFound("Agent", "代运营人员");
        }

        await users.RemoveFromRoleAsync(user, Roles.Agent);
        await users.UpdateSecurityStampAsync(user);
        var now = clock.GetUtcNow();
        await db.HostingGrants.IgnoreQueryFilters().Where(g => g.AgentUserId == agentUserId && g.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now).SetProperty(g => g.RevokedByUserId, adminId));
    }

    public async Task<List<AgentView>> ListAsync() => await ViewsAsync(await users.GetUsersInRoleAsync(Roles.Agent));

    private async Task<List<AgentView>> ViewsAsync(IList<AppUser> agents)
    {
        var now = clock.GetUtcNow();
        var ids = agents.Select(a => a.Id).ToList();
        var operating = (await db.HostingGrants.IgnoreQueryFilters().AsNoTracking()
                .Where(g => ids.Contains(g.AgentUserId) && g.RevokedAt == null && (g.ExpiresAt == null || g.ExpiresAt > now))
                .Join(db.Merchants, g => g.MerchantId, m => m.Id, (g, m) => new { g.AgentUserId, Merchant = new OperatedMerchant(m.Id, m.Name, g.Id, g.ExpiresAt) })
                .ToListAsync())
            .ToLookup(x => x.AgentUserId, x => x.Merchant);
        return agents.OrderBy(u => u.DisplayName, StringComparer.Ordinal)
            .Select(u => new AgentView(u.Id, u.DisplayName, u.Email ?? "", u.PhoneNumber,
                operating[u.Id].OrderBy(m => m.MerchantName, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
