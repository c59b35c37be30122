using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

public sealed record ProgressRequest(string? State)
{
    public OrderState Parse() => Enum.TryParse<OrderState>(State, ignoreCase: true, out var state) && Enum.IsDefined(state) && !int.TryParse(State, out _) ? state
        : throw Validation.Single("state", "Say which state the order moves to: Accepted, ReadyForPickup, Dispatched, InService or Completed.",
            "请选择订单的下一个状态：已接单、待取货、配送中、服务中或已完成。");
}

public static class OrderEndpoints
{
    public static IServiceCollection AddOrdering(this IServiceCollection services) =>
        services.AddSingleton<CheckoutBatches>().AddScoped<SellableSkus>().AddScoped<Cart>().AddScoped<CartCheckout>().AddScoped<OrderFulfilment>().AddScoped<PosSales>().AddScoped<OrderQueries>();

    public static void MapOrderingEndpoints(this IEndpointRouteBuilder app)
    {
        var cart = app.MapGroup("/api/cart").WithTags("Orders").RequireAuthorization();
        cart.MapGet("/", (Cart service, CurrentUser user) => service.ViewAsync(user.RequiredId));
        cart.MapPut("/items", async (CartItemRequest request, Cart service, CurrentUser user) =>
        {
            await service.SetAsync(user.RequiredId, request);
            return TypedResults.Ok(await service.ViewAsync(user.RequiredId));
        });

        // The JSON API is what channel apps (mini-programs, partner apps) call; the web pages record the Web channel.
        app.MapPost("/api/checkout", async (CheckoutRequest request, CartCheckout checkout, CurrentUser user) =>
        {
            var result = await checkout.PlaceAsync(user.RequiredId, request, OrderChannel.App);
            return TypedResults.Created($"/api/checkouts/{result.CheckoutId}", result);
        }).WithTags("Orders").RequireAuthorization().WithIdempotency();
        app.MapGet("/api/checkouts/{id:guid}", async (Guid id, OrderQueries queries, CurrentUser user) =>
            await queries.CheckoutAsync(user.RequiredId, id) is { Count: > 0 } orders ? TypedResults.Ok(orders) : throw DomainException.NotFound("Checkout", "结算单"))
            .WithTags("Orders").RequireAuthorization();
        app.MapPost("/api/orders/{id:guid}/confirm-receipt", async (Guid id, OrderFulfilment fulfilment, CurrentUser user) =>
            TypedResults.Ok(OrderView.From(await fulfilment.ConfirmReceiptAsync(user.RequiredId, id))))
            .WithTags("Orders").RequireAuthorization().WithIdempotency();

        var merchant = app.MapGroup("/api/merchant/orders").WithTags("Merchant console").RequireAuthorization(Policies.MerchantStaff);
        merchant.MapGet("/", (OrderState? state, int? page, OrderQueries queries, CurrentUser user) => queries.OfMerchantAsync(user.RequiredMerchantId, state, page ?? 1));
        merchant.MapGet("/{id:guid}", async (Guid id, OrderQueries queries, CurrentUser user) =>
            TypedResults.Ok(await queries.OfMerchantAsync(user.RequiredMerchantId, id)));
        merchant.MapPost("/{id:guid}/progress", async (Guid id, ProgressRequest request, OrderFulfilment fulfilment, CurrentUser user) =>
            TypedResults.Ok(OrderView.From(await fulfilment.MoveByMerchantAsync(user.RequiredMerchantId, id,
                request.Parse()))))
            .WithIdempotency();

        app.MapPost("/api/merchant/pos/sales", async (PosSaleRequest request, PosSales sales, CurrentUser user) =>
        {
            var order = await sales.RecordAsync(user.RequiredMerchantId, request);
            return TypedResults.Created($"/api/merchant/orders/{order.Id}", OrderView.From(order));
        }).WithTags("Merchant console").RequireAuthorization(Policies.MerchantStaff).WithIdempotency();
    }
}

public sealed record OrderPage(List<OrderView> Orders, int Page, int TotalCount);

public sealed class OrderQueries(AppDbContext db)
{
    public const int PageSize = 20;

    public async Task<List<OrderView>> CheckoutAsync(Guid consumerId, Guid checkoutId) =>
        [.. (await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.CheckoutId == checkoutId && o.ConsumerId == consumerId).OrderBy(o => o.Id).ToListAsync())
            .Select(OrderView.From)];

    public async Task<OrderPage> OfMerchantAsync(Guid merchantId, OrderState? state, int page)
    {
        page = Math.Max(1, page);
        var query = db.Orders.AsNoTracking().Where(o => o.MerchantId == merchantId && (state == null || o.State == state));
        var orders = await query.Include(o => o.Lines).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        return new OrderPage([.. orders.Select(OrderView.From)], page, await query.CountAsync());
    }

    public async Task<OrderView> OfMerchantAsync(Guid merchantId, Guid orderId) =>
        OrderView.From(await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId && o.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Order", "订单"));
}
