using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.HostedOperation;

/// <param name="Agent">The agent's email or phone number, as they are known on the platform.</param>
/// <param name="Until">The last day (Asia/Shanghai) the agent may act; null: until revoked.</param>
public sealed record GrantRequest(string? Agent, DateOnly? Until);

public sealed record GrantView(Guid Id, Guid MerchantId, string MerchantName, Guid AgentUserId, string AgentName, string AgentContact,
    DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, bool Active);

/// <summary>The owner grants and revokes hosted operation; an agent lists their grants.</summary>
public sealed class HostingGrants(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public async Task<GrantView> GrantAsync(Guid merchantId, Guid ownerId, GrantRequest request)
    {
        var now = clock.GetUtcNow();
        var errors = new Validation();
        errors.Required(nameof(request.Agent), request.Agent, 100, "Agent's email or phone", "代运营人员的邮箱或手机号");
        errors.Check(nameof(request.Until), request.Until is null || request.Until >= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, China).Date),
            "The end date cannot be in the past.", "截止日期不能早于今天。");
        errors.ThrowIfAny();

        var agent = await FindAgentAsync(request.Agent!.Trim())
            ?? throw DomainException.NotFound("Agent with this email or phone", "使用该邮箱或手机号的代运营人员");
        // The unique index allows one open (unrevoked) grant per merchant and agent: a lapsed one is closed at the
        // instant it ended, with nobody as the revoker, so the owner still reads it as expired.
        await db.HostingGrants.Where(g => g.MerchantId == merchantId && g.AgentUserId == agent.Id && g.RevokedAt == null && g.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, g => g.ExpiresAt));
        if (await db.HostingGrants.AnyAsync(g => g.MerchantId == merchantId && g.AgentUserId == agent.Id && g.RevokedAt == null))
        {
            throw GrantExists();
        }

        var grant = new HostingGrant
        {
            Id = Guid.CreateVersion7(),
            MerchantId = merchantId,
            AgentUserId = agent.Id,
            GrantedByUserId = ownerId,
            GrantedAt = now,
            // The whole last day counts: the grant ends at the following midnight in China.
            ExpiresAt = request.Until is { } until
                ? new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), China.GetUtcOffset(until.ToDateTime(TimeOnly.MinValue))).ToUniversalTime()
                : null,
        };
        db.HostingGrants.Add(grant);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request granted the same agent meanwhile.
            throw GrantExists();
        }

        return (await ViewsAsync(db.HostingGrants.Where(g => g.Id == grant.Id))).Single();
    }

    private static DomainException GrantExists() => DomainException.Conflict("grant_exists",
        "This agent already has an active grant: revoke it before granting again.", "该代运营人员已有生效中的授权，如需修改请先撤销。");

    /// <summary>Ends a grant; the agent's next request for this merchant is refused. Twice: 409.</summary>
    public async Task RevokeAsync(Guid merchantId, Guid ownerId, Guid grantId)
    {
        var now = clock.GetUtcNow();
        var changed = await db.HostingGrants.Where(g => g.Id == grantId && g.MerchantId == merchantId && g.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now).SetProperty(g => g.RevokedByUserId, ownerId));
        if (changed == 0)
        {
            throw await db.HostingGrants.AnyAsync(g => g.Id == grantId && g.MerchantId == merchantId)
                ? DomainException.Conflict("already_revoked", "This grant has already been revoked.", "该授权已被撤销。")
                : DomainException.NotFound("Grant", "授权");
        }
    }

    public Task<List<GrantView>> OfMerchantAsync(Guid merchantId) =>
        ViewsAsync(db.HostingGrants.Where(g => g.MerchantId == merchantId));

    /// <summary>The agent's grants from every merchant (outside the console, so no tenant filter applies).</summary>
    public Task<List<GrantView>> OfAgentAsync(Guid agentUserId) =>
        ViewsAsync(db.HostingGrants.IgnoreQueryFilters().Where(g => g.AgentUserId == agentUserId));

    /// <summary>The agent's grant if it is active now: the one they may act under.</summary>
    public async Task<HostingGrant> ActiveGrantOfAgentAsync(Guid agentUserId, Guid grantId)
    {
        var grant = await db.HostingGrants.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(g => g.Id == grantId && g.AgentUserId == agentUserId)
            ?? throw DomainException.NotFound("Grant", "授权");
        return grant.IsActiveAt(clock.GetUtcNow())
            ? grant
            : throw new DomainException("grant_inactive", "This grant has been revoked or has expired.", "该授权已撤销或已过期。", StatusCodes.Status403Forbidden);
    }

    private async Task<AppUser?> FindAgentAsync(string emailOrPhone)
    {
        var user = emailOrPhone.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(emailOrPhone)
            : await db.Users.AsNoTracking().Where(u => u.PhoneNumber == emailOrPhone).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync();
        return user is not null && await users.IsInRoleAsync(user, Roles.Agent) ? user : null;
    }

    private async Task<List<GrantView>> ViewsAsync(IQueryable<HostingGrant> grants)
    {
        var now = clock.GetUtcNow();
        var rows = await grants.AsNoTracking().OrderByDescending(g => g.GrantedAt).Take(200)
            .Join(db.Merchants, g => g.MerchantId, m => m.Id, (g, m) => new { Grant = g, MerchantName = m.Name })
            .Join(db.Users, x => x.Grant.AgentUserId, u => u.Id, (x, u) => new { x.Grant, x.MerchantName, u.DisplayName, u.Email, u.PhoneNumber })
            .ToListAsync();
        return rows.OrderByDescending(r => r.Grant.GrantedAt).Select(r => new GrantView(r.Grant.Id, r.Grant.MerchantId, r.MerchantName, r.Grant.AgentUserId,
            r.DisplayName, r.Email ?? r.PhoneNumber ?? "", r.Grant.GrantedAt, r.Grant.ExpiresAt,
            r.Grant.RevokedByUserId is null ? null : r.Grant.RevokedAt, r.Grant.IsActiveAt(now))).ToList();
    }
}

