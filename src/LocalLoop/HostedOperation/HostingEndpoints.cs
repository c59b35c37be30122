using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace LocalLoop.HostedOperation;

public static class HostingEndpoints
{
    public static void MapHostingEndpoints(this IEndpointRouteBuilder app)
    {
        var owner = app.MapGroup("/api/merchant/hosting").WithTags("Hosted operation (代运营)").RequireAuthorization(Policies.MerchantOwner);
        owner.MapGet("/grants", async (HostingGrants grants, CurrentUser user) => TypedResults.Ok(await grants.OfMerchantAsync(user.RequiredMerchantId)));
        owner.MapPost("/grants", async (GrantRequest request, HostingGrants grants, CurrentUser user) =>
            TypedResults.Created("/api/merchant/hosting/grants", await grants.GrantAsync(user.RequiredMerchantId, user.RequiredId, request)));
        owner.MapPost("/grants/{id:guid}/revoke", async (Guid id, HostingGrants grants, CurrentUser user) =>
        {
            await grants.RevokeAsync(user.RequiredMerchantId, user.RequiredId, id);
            return TypedResults.NoContent();
        });
        owner.MapGet("/audit", async (AppDbContext db, CurrentUser user) => TypedResults.Ok(await HostingAudit.OfMerchantAsync(db, user.RequiredMerchantId)));

        var agent = app.MapGroup("/api/agent").WithTags("Hosted operation (代运营)").RequireAuthorization(p => p.RequireRole(Roles.Agent));
        agent.MapGet("/grants", async (HostingGrants grants, CurrentUser user) => TypedResults.Ok(await grants.OfAgentAsync(user.RequiredId)));
        // A new sign-in (bearer token, or cookie with ?useCookies=true) that carries the merchant and the grant.
        agent.MapPost("/grants/{id:guid}/act", async (Guid id, bool? useCookies, HostingGrants grants, AgentSignIn signIn, CurrentUser user) =>
        {
            var grant = await grants.ActiveGrantOfAgentAsync(user.RequiredId, id);
            await signIn.SignInAsync(user.RequiredId, useCookies == true, HostingClaims.For(grant));
            return TypedResults.Empty;
        });
        agent.MapPost("/stop", async (bool? useCookies, AgentSignIn signIn, CurrentUser user) =>
        {
            await signIn.SignInAsync(user.RequiredId, useCookies == true, []);
            return TypedResults.Empty;
        });

        var admin = app.MapGroup("/api/admin/agents").WithTags("Operations").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async (AgentAdmin agents) => TypedResults.Ok(await agents.ListAsync()));
        admin.MapPost("/", async (AgentAdmin.AgentRequest request, AgentAdmin agents) => TypedResults.Ok(await agents.AppointAsync(request)));
        admin.MapPost("/{id:guid}/remove", async (Guid id, AgentAdmin agents, CurrentUser user) =>
        {
            await agents.RemoveAsync(id, user.RequiredId);
            return TypedResults.NoContent();
        });
    }
}

/// <summary>Re-issues an agent's sign-in, acting for a merchant or for nobody.</summary>
public sealed class AgentSignIn(SignInManager<AppUser> signIn, UserManager<AppUser> users)
{
    public async Task SignInAsync(Guid agentUserId, bool cookie, System.Security.Claims.Claim[] acting)
    {
        var agent = await users.FindByIdAsync(agentUserId.ToString()) ?? throw Platform.DomainException.NotFound("User", "用户");
        signIn.AuthenticationScheme = cookie ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        await signIn.SignInWithClaimsAsync(agent, isPersistent: false, acting);
    }
}
