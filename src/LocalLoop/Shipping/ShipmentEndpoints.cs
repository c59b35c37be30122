using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Shipping;

public sealed record ShipmentLineView(Guid OrderId, int LineNumber, string Title, string Spec, int Quantity);

public sealed record ShipmentView(Guid Id, Guid LocationId, string State, string RecipientName, string DeliveryAddress, string? TrackingNumber,
    DateTimeOffset CreatedAt, DateTimeOffset? DispatchedAt, List<ShipmentLineView> Lines);

public static class ShipmentEndpoints
{
    public static IServiceCollection AddShipping(this IServiceCollection services) =>
        services.AddScoped<ShipmentPlanning>().AddScoped<ShipmentDispatch>().AddScoped<ParcelStock>().AddScoped<ShipmentQueries>();

    public static void MapShipmentEndpoints(this IEndpointRouteBuilder app)
    {
        // Packing and dispatching is warehouse work: owners, managers and warehouse staff.
        var shipments = app.MapGroup("/api/merchant/shipments").WithTags("Merchant console").RequireAuthorization(Policies.MerchantInventory);
        shipments.MapGet("/", (ShipmentState? state, ShipmentQueries queries, CurrentUser user) => queries.OfMerchantAsync(user.RequiredMerchantId, state));
        shipments.MapPost("/merge", async (MergeRequest request, ShipmentPlanning planning, ShipmentQueries queries, CurrentUser user) =>
            TypedResults.Ok(await queries.ViewsAsync(await planning.MergeAsync(user.RequiredMerchantId, request)))).WithIdempotency();
        shipments.MapPost("/split/{orderId:guid}", async (Guid orderId, SplitRequest request, ShipmentPlanning planning, ShipmentQueries queries, CurrentUser user) =>
            TypedResults.Ok(await queries.ViewsAsync(await planning.SplitAsync(user.RequiredMerchantId, orderId, request)))).WithIdempotency();
        shipments.MapPost("/pack/{orderId:guid}", async (Guid orderId, PackRequest request, ShipmentPlanning planning, ShipmentQueries queries, CurrentUser user) =>
            TypedResults.Ok((await queries.ViewsAsync([await planning.PackAsync(user.RequiredMerchantId, orderId, request)]))[0])).WithIdempotency();
        shipments.MapPost("/{id:guid}/dispatch", async (Guid id, DispatchRequest request, ShipmentDispatch dispatch, ShipmentQueries queries, CurrentUser user) =>
            TypedResults.Ok((await queries.ViewsAsync([await dispatch.DispatchAsync(user.RequiredMerchantId, id, request)]))[0])).WithIdempotency();
        shipments.MapDelete("/{id:guid}", async (Guid id, ShipmentPlanning planning, CurrentUser user) =>
        {
            await planning.DissolveAsync(user.RequiredMerchantId, id);
            return TypedResults.NoContent();
        });
    }
}

public sealed class ShipmentQueries(AppDbContext db)
{
    public async Task<List<ShipmentView>> OfMerchantAsync(Guid merchantId, ShipmentState? state) =>
        await ViewsAsync(await db.Shipments.AsNoTracking().Include(s => s.Lines).Where(s => s.MerchantId == merchantId && (state == null || s.State == state))
            .OrderByDescending(s => s.CreatedAt).Take(100).ToListAsync());

    public async Task<List<ShipmentView>> ViewsAsync(List<Shipment> shipments)
    {
        var orderIds = shipments.SelectMany(s => s.Lines).Select(l => l.OrderId).Distinct().ToList();
        var lines = (await db.Set<Ordering.OrderLine>().AsNoTracking().Where(l => orderIds.Contains(l.OrderId)).ToListAsync())
            .ToDictionary(l => (l.OrderId, l.LineNumber));
        return [.. shipments.Select(s => new ShipmentView(s.Id, s.LocationId, s.State.ToString(), s.RecipientName, s.DeliveryAddress, s.TrackingNumber, s.CreatedAt,
            s.DispatchedAt, [.. s.Lines.OrderBy(l => l.OrderId).ThenBy(l => l.LineNumber).Select(l =>
            {
                var line = lines[(l.OrderId, l.LineNumber)];
                return new ShipmentLineView(l.OrderId, l.LineNumber, line.Title, line.Spec, l.Quantity);
            })]))];
    }
}
