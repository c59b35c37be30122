using LocalLoop.Merchants;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;

namespace LocalLoop.StaffRoles;

public static class StaffRoleEndpoints
{
    /// <summary>The owner's staff lifecycle; the list, the clerk shortcut and store limits stay in <see cref="MerchantEndpoints"/>.</summary>
    public static void MapStaffRoleEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/merchant/staff").WithTags("Merchant console").RequireAuthorization(Policies.MerchantOwner);
        staff.MapPost("/", async (InviteStaffRequest request, StaffLifecycle lifecycle, CurrentUser user) =>
            TypedResults.Created("/api/merchant/staff", await lifecycle.InviteAsync(user.RequiredMerchantId, request)));
        staff.MapPut("/{userId:guid}/role", async (Guid userId, ChangeRoleRequest request, StaffLifecycle lifecycle, CurrentUser user) =>
            TypedResults.Ok(await lifecycle.ChangeRoleAsync(user.RequiredMerchantId, userId, request)));
        staff.MapPost("/{userId:guid}/disable", async (Guid userId, StaffLifecycle lifecycle, CurrentUser user) =>
        {
            await lifecycle.DisableAsync(user.RequiredMerchantId, user.RequiredId, userId);
            return TypedResults.NoContent();
        });
        staff.MapPost("/{userId:guid}/enable", async (Guid userId, StaffLifecycle lifecycle, CurrentUser user) =>
        {
            await lifecycle.EnableAsync(user.RequiredMerchantId, userId);
            return TypedResults.NoContent();
        });
    }
}
