using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;

namespace LocalLoop.Deals;

public static class DealEndpoints
{
    public static void MapDealEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deals/{id:guid}", async Task<IResult> (Guid id, DealViews views) =>
            await views.PublicAsync(id) is { } deal ? TypedResults.Ok(deal) : throw DomainException.NotFound("Deal", "团购"))
            .WithTags("Deals");

        var merchant = app.MapGroup("/api/merchant/deals").WithTags("Merchant console").RequireAuthorization(Policies.MerchantManage);
        merchant.MapGet("/", async (DealViews views, CurrentUser user) => TypedResults.Ok(await views.OfMerchantAsync(user.RequiredMerchantId)));
        merchant.MapGet("/{id:guid}", async Task<IResult> (Guid id, DealViews views) =>
            await views.AnyStatusAsync(id) is { } deal ? TypedResults.Ok(deal) : throw DomainException.NotFound("Deal", "团购"));
        merchant.MapPost("/", async (DealRequest request, DealManagement deals, DealViews views, CurrentUser user) =>
        {
            var deal = await deals.CreateAsync(user.RequiredMerchantId, request);
            return TypedResults.Created($"/api/merchant/deals/{deal.Id}", await views.AnyStatusAsync(deal.Id));
        });

        var review = app.MapGroup("/api/admin/deals").WithTags("Operations").RequireAuthorization(Policies.Review);
        review.MapGet("/pending", async (DealViews views) => TypedResults.Ok(await views.PendingReviewAsync()));
        review.MapPost("/{id:guid}/approve", async (Guid id, DealManagement deals) =>
        {
            await deals.ReviewAsync(id, approve: true, reason: null);
            return TypedResults.NoContent();
        });
        review.MapPost("/{id:guid}/reject", async (Guid id, RejectRequest request, DealManagement deals) =>
        {
            await deals.ReviewAsync(id, approve: false, request.Reason);
            return TypedResults.NoContent();
        });
    }
}
