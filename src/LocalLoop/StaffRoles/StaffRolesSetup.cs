using LocalLoop.HostedOperation;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace LocalLoop.StaffRoles;

public static class StaffRolesSetup
{
    public static IServiceCollection AddStaffRoles(this IServiceCollection services)
    {
        services.AddScoped<StaffLifecycle>();
        services.AddScoped<HostingGrants>();
        services.AddScoped<AgentAdmin>();
        services.AddScoped<AgentSignIn>();
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = HostingClaims.KeepOnRefresh);
        return services;
    }

    /// <summary>Between authentication and authorization: see <see cref="StaffSessionCheck"/>.</summary>
    public static IApplicationBuilder UseStaffSessions(this IApplicationBuilder app) => app.UseMiddleware<StaffSessionCheck>();

    public static void MapStaffRolesAndHosting(this IEndpointRouteBuilder app)
    {
        app.MapStaffRoleEndpoints();
        app.MapHostingEndpoints();
    }
}
