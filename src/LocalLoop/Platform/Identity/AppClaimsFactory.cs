using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Identity;

/// <summary>Puts the merchant a staff member works for into the principal, so tenancy checks need no extra query.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.MerchantId is { } merchantId)
        {
            identity.AddClaim(new Claim(AppClaims.MerchantId, merchantId.ToString()));
        }

        return identity;
    }
}
