using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using LocalLoop.HostedOperation;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.StaffRoles;

/// <summary>A disabled staff account cannot sign in (the sign-in answers "not allowed").</summary>
public sealed class StaffSignInManager(UserManager<AppUser> users, IHttpContextAccessor accessor, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, accessor, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);
}

/// <summary>
/// Checks every request of merchant staff and agents against the database, not only once a minute as the cookie
/// validator does and never for bearer tokens: a disabled member, or one whose role changed (a new security stamp),
/// is treated as signed out at once; an agent acting for a merchant loses the merchant when the grant is revoked or
/// expired (the policies then answer 403); and every state-changing request of an acting agent is audit-logged.
/// </summary>
public sealed class StaffSessionCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AppDbContext db, IOptions<IdentityOptions> identity, TimeProvider clock)
    {
        var principal = context.User;
        var merchantClaim = principal.FindFirstValue(AppClaims.MerchantId);
        if (principal.Identity?.IsAuthenticated != true || (merchantClaim is null && !principal.IsInRole(Roles.Agent))
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await next(context);
            return;
        }

        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.DisabledAt }).SingleOrDefaultAsync();
        if (current is null || current.DisabledAt is not null || current.SecurityStamp != stamp)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            await next(context);
            return;
        }

        if (!Guid.TryParse(principal.FindFirstValue(HostingClaims.GrantId), out var grantId) || !Guid.TryParse(merchantClaim, out var merchantId))
        {
            await next(context);
            return;
        }

        var now = clock.GetUtcNow();
        var active = await db.HostingGrants.IgnoreQueryFilters().AnyAsync(g => g.Id == grantId && g.AgentUserId == userId && g.MerchantId == merchantId
            && g.RevokedAt == null && (g.ExpiresAt == null || g.ExpiresAt > now));
        if (!active)
        {
            // Still signed in as the agent, no longer for this merchant: merchant pages and APIs answer 403.
            context.User = HostingClaims.WithoutMerchant(principal);
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        await HostingAudit.RecordAsync(context, next, merchantId, userId, grantId);
    }
}
