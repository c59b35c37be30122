using System.Security.Claims;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace LocalLoop.HostedOperation;

/// <summary>The claims an agent acting for a merchant carries: the merchant (as staff do) and the grant that allows it.</summary>
public static class HostingClaims
{
    public const string GrantId = "hosting_grant_id";

    public static Claim[] For(HostingGrant grant) =>
        [new(AppClaims.MerchantId, grant.MerchantId.ToString()), new(GrantId, grant.Id.ToString())];

    /// <summary>The same agent, acting for nobody.</summary>
    public static ClaimsPrincipal WithoutMerchant(ClaimsPrincipal principal) =>
        new(principal.Identities.Select(identity => new ClaimsIdentity(
            identity.Claims.Where(c => c.Type is not (AppClaims.MerchantId or GrantId)), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType)));

    /// <summary>Keeps the acting claims when the cookie's principal is rebuilt after the security stamp check.</summary>
    public static Task KeepOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        var acting = context.CurrentPrincipal?.Claims.Where(c => c.Type is AppClaims.MerchantId or GrantId).ToList() ?? [];
        if (acting.Count == 2 && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == AppClaims.MerchantId))
        {
            identity.AddClaims(acting.Select(c => new Claim(c.Type, c.Value)));
        }

        return Task.CompletedTask;
    }
}
