using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace LocalLoop.Platform.Identity;

/// <summary>
/// [Authorize] for HTML pages: authenticates and challenges with the sign-in cookie, so an anonymous visitor is
/// sent to /account/login?ReturnUrl=… (the default scheme forwards challenges to the bearer handler, which only answers 401).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class SignedInAttribute : AuthorizeAttribute
{
    public SignedInAttribute() => AuthenticationSchemes = IdentityConstants.ApplicationScheme;
}
