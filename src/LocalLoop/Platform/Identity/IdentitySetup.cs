using LocalLoop.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace LocalLoop.Platform.Identity;

public static class IdentitySetup
{
    private const string CookieOrBearer = "cookie-or-bearer";

    public static IServiceCollection AddLocalLoopIdentity(this IServiceCollection services)
    {
        // Cookies for the UI, bearer tokens for API clients; the combined scheme picks by the Authorization header.
        services.AddIdentityApiEndpoints<AppUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddSignInManager<StaffRoles.StaffSignInManager>();

        // One default for pages and API: a bearer token when the request carries one, otherwise the sign-in cookie,
        // so an anonymous page visit is redirected to sign-in while an API call gets 401.
        services.AddAuthentication().AddPolicyScheme(CookieOrBearer, null, o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? IdentityConstants.BearerScheme
                : IdentityConstants.ApplicationScheme);
        services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o =>
        {
            o.DefaultScheme = CookieOrBearer;
            o.DefaultAuthenticateScheme = CookieOrBearer;
            o.DefaultChallengeScheme = CookieOrBearer;
            o.DefaultForbidScheme = CookieOrBearer;
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "localloop";
            options.SlidingExpiration = true;
            // APIs answer 401/403; pages redirect to sign-in.
            options.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
        });

        // Role changes (an approved applicant becomes an owner) reach existing cookies within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Review, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.MerchantOwner, p => p.RequireRole(Roles.MerchantOwner).RequireClaim(AppClaims.MerchantId))
            .AddPolicy(Policies.MerchantStaff, p => p.RequireRole(Roles.MerchantOwner, Roles.Manager, Roles.Clerk).RequireClaim(AppClaims.MerchantId))
            .AddPolicy(Policies.MerchantManage, p => p.RequireRole(Roles.MerchantOwner, Roles.Manager, Roles.Agent).RequireClaim(AppClaims.MerchantId))
            .AddPolicy(Policies.MerchantFinance, p => p.RequireRole(Roles.MerchantOwner, Roles.Manager).RequireClaim(AppClaims.MerchantId))
            .AddPolicy(Policies.MerchantInventory, p => p.RequireRole(Roles.MerchantOwner, Roles.Manager, Roles.Warehouse).RequireClaim(AppClaims.MerchantId))
            .AddPolicy(Policies.MerchantService, p => p.RequireRole(Roles.MerchantOwner, Roles.Manager, Roles.CustomerService).RequireClaim(AppClaims.MerchantId));
        return services;
    }

    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Creates the roles every installation needs.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }
    }
}
