using System.Security.Claims;
using LocalLoop.Platform.Identity;

namespace LocalLoop.Platform.Tenancy;

/// <summary>Who is calling, read from the signed-in principal (cookie or bearer token). Empty for anonymous calls and background jobs.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public Guid RequiredId => Id ?? throw new DomainException("unauthenticated", "Sign in first.", "请先登录。", StatusCodes.Status401Unauthorized);

    /// <summary>The merchant a staff member works for; null for everyone else.</summary>
    public Guid? MerchantId => Guid.TryParse(Principal?.FindFirstValue(AppClaims.MerchantId), out var id) ? id : null;

    /// <summary>
    /// The merchant whose rows this request is confined to: staff working in the merchant console. Elsewhere a
    /// staff member browses and buys like any consumer, so public pages and their own purchases stay visible.
    /// </summary>
    public Guid? ConsoleMerchantId => IsConsoleRequest ? MerchantId : null;

    private bool IsConsoleRequest => accessor.HttpContext?.Request.Path is { } path &&
        (path.StartsWithSegments("/api/merchant") || path.StartsWithSegments("/merchant"));

    public Guid RequiredMerchantId => MerchantId ?? throw new DomainException("not_merchant_staff", "This needs a merchant staff account.", "此操作需要商家员工账号。", StatusCodes.Status403Forbidden);

    public string DisplayName => Principal?.FindFirstValue(AppClaims.DisplayName) ?? Principal?.Identity?.Name ?? "";

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}
