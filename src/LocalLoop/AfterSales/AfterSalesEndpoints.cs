using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.AfterSales;

public static class AfterSalesEndpoints
{
    public static IServiceCollection AddAfterSales(this IServiceCollection services) =>
        services.AddScoped<OrderRefunds>().AddScoped<PaidOrderCancellation>().AddScoped<AfterSalesRequests>();

    public static void MapAfterSalesEndpoints(this IEndpointRouteBuilder app)
    {
        var consumer = app.MapGroup("/api").WithTags("After-sales").RequireAuthorization();
        consumer.MapGet("/orders/{id:guid}/after-sales", async (Guid id, AppDbContext db, AfterSalesRequests service, CurrentUser user) =>
            await db.Orders.AnyAsync(o => o.Id == id && o.ConsumerId == user.RequiredId)
                ? TypedResults.Ok(await service.ListAsync(db.AfterSalesRequests.Where(r => r.OrderId == id)))
                : throw DomainException.NotFound("Order", "订单"));
        consumer.MapPost("/orders/{id:guid}/after-sales", async (Guid id, AfterSalesInput input, AfterSalesRequests service, CurrentUser user) =>
        {
            var request = await service.RequestAsync(user.RequiredId, id, input);
            return TypedResults.Created($"/orders/{id}/after-sales", request);
        }).WithIdempotency();
        consumer.MapPost("/after-sales/{id:guid}/tracking", async (Guid id, TrackingInput input, AfterSalesRequests service, CurrentUser user) =>
            TypedResults.Ok(await service.ShipBackAsync(user.RequiredId, id, input.TrackingNumber)));
        consumer.MapPost("/after-sales/{id:guid}/dispute", async (Guid id, NoteInput input, AfterSalesRequests service, CurrentUser user) =>
            TypedResults.Ok(await service.DisputeAsync(user.RequiredId, id, input.Note)));

        var merchant = app.MapGroup("/api/merchant").WithTags("Merchant console");
        merchant.MapPost("/orders/{id:guid}/refunds", async (Guid id, OrderRefundRequest request, OrderRefunds refunds, CurrentUser user, HttpRequest http) =>
            TypedResults.Ok(await refunds.RefundByMerchantAsync(user.RequiredMerchantId, id, request, http)))
            .RequireAuthorization(Policies.MerchantService).WithIdempotency();
        merchant.MapPost("/orders/{id:guid}/cancel", async (Guid id, CancelRequest request, PaidOrderCancellation cancellation, CurrentUser user, HttpRequest http) =>
            TypedResults.Ok(await cancellation.CancelByMerchantAsync(user.RequiredMerchantId, id, request.Reason, http)))
            .RequireAuthorization(Policies.MerchantStaff).WithIdempotency();

        var service = merchant.MapGroup("/after-sales").RequireAuthorization(Policies.MerchantService);
        service.MapGet("/", async (AfterSales.AfterSalesState? state, AppDbContext db, AfterSalesRequests requests, CurrentUser user) =>
            await requests.ListAsync(db.AfterSalesRequests.Where(r => r.MerchantId == user.RequiredMerchantId && (state == null || r.State == state))));
        service.MapPost("/{id:guid}/approve", async (Guid id, AfterSalesRequests requests, CurrentUser user) =>
            TypedResults.Ok(await requests.ApproveAsync(user.RequiredMerchantId, id)));
        service.MapPost("/{id:guid}/reject", async (Guid id, NoteInput input, AfterSalesRequests requests, CurrentUser user) =>
            TypedResults.Ok(await requests.RejectAsync(user.RequiredMerchantId, id, input.Note)));
        service.MapPost("/{id:guid}/received", async (Guid id, AfterSalesRequests requests, CurrentUser user, HttpRequest http) =>
            TypedResults.Ok(await requests.ConfirmReceivedAsync(user.RequiredMerchantId, id, http)))
            .WithIdempotency();

        var disputes = app.MapGroup("/api/admin/disputes").WithTags("Operations").RequireAuthorization(Policies.Operator);
        disputes.MapGet("/", async (AppDbContext db, AfterSalesRequests requests) =>
            await requests.ListAsync(db.AfterSalesRequests.Where(r => r.State == AfterSalesState.Disputed)));
        disputes.MapPost("/{id:guid}/rule", async (Guid id, RulingInput input, AfterSalesRequests requests) =>
            TypedResults.Ok(await requests.RuleAsync(id, input)));
    }
}
