using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Vouchers;

namespace LocalLoop.ExternalCodes;

public static class ExternalCodeEndpoints
{
    public static void MapExternalCodeEndpoints(this IEndpointRouteBuilder app)
    {
        // Binding the shop's accounts on other platforms is the owner's; their settlement is finance.
        var platforms = app.MapGroup("/api/merchant/external-platforms").WithTags("External codes (三方码)");
        platforms.MapGet("/", async (ExternalPlatformBindings bindings, CurrentUser user) => TypedResults.Ok(await bindings.ListAsync(user.RequiredMerchantId)))
            .RequireAuthorization(Policies.MerchantOwner);
        platforms.MapPut("/", async (BindRequest request, ExternalPlatformBindings bindings, CurrentUser user) =>
            TypedResults.Ok(await bindings.LinkAsync(user.RequiredMerchantId, user.RequiredId, request)))
            .RequireAuthorization(Policies.MerchantOwner);
        platforms.MapGet("/settlement", async (DateOnly? from, DateOnly? to, ExternalCodeQueries queries, CurrentUser user) =>
            TypedResults.Ok(await queries.SettlementAsync(user.RequiredMerchantId, from, to)))
            .RequireAuthorization(Policies.MerchantFinance);

        var staff = app.MapGroup("/api/merchant/external-codes").WithTags("External codes (三方码)").RequireAuthorization(Policies.MerchantStaff);
        staff.MapPost("/query", async (ExternalCodeRequest request, ExternalCodeVerification verification, CurrentUser user) =>
            TypedResults.Ok(await verification.QueryAsync(user.RequiredMerchantId, user.RequiredId, request)));
        staff.MapPost("/consume", async (ExternalCodeRequest request, ExternalCodeVerification verification, CurrentUser user) =>
            TypedResults.Ok(await verification.ConsumeAsync(user.RequiredMerchantId, user.RequiredId, request)))
            .WithIdempotency();
        staff.MapGet("/consumptions", async (ExternalCodeQueries queries, CurrentUser user) => TypedResults.Ok(await queries.RecentAsync(user.RequiredMerchantId)));
        staff.MapPost("/consumptions/{id:guid}/reverse", async (Guid id, ReverseRequest request, ExternalCodeReversal reversal, CurrentUser user) =>
            TypedResults.Ok(await reversal.ReverseAsync(user.RequiredMerchantId, user.RequiredId, id, request)))
            .WithIdempotency();

        // After the store's window only an admin may reverse, as for our vouchers.
        var admin = app.MapGroup("/api/admin/external-codes").WithTags("Operations").RequireAuthorization(Policies.Admin);
        admin.MapPost("/consumptions/{id:guid}/reverse", async (Guid id, ReverseRequest request, ExternalCodeReversal reversal, CurrentUser user) =>
            TypedResults.Ok(await reversal.ReverseByAdminAsync(user.RequiredId, id, request)))
            .WithIdempotency();
    }
}
