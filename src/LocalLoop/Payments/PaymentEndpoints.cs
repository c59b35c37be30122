using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

public sealed record WalletView(long BalanceFen, List<WalletMovement> Movements);

public sealed record WalletMovement(DateTimeOffset At, string Kind, long AmountFen);

public static class PaymentEndpoints
{
    public static void MapOrderAndPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization();
        orders.MapPost("/", async (PlaceOrderRequest request, Checkout checkout, CurrentUser user) =>
        {
            var order = await checkout.PlaceAsync(user.RequiredId, request, OrderChannel.App);
            return TypedResults.Created($"/api/orders/{order.Id}", OrderView.From(order));
        }).WithIdempotency();
        orders.MapGet("/{id:guid}", async (Guid id, Checkout checkout, CurrentUser user) =>
            await checkout.FindForConsumerAsync(id, user.RequiredId) is { } order ? TypedResults.Ok(OrderView.From(order)) : throw DomainException.NotFound("Order", "订单"));
        orders.MapGet("/", async (AppDbContext db, CurrentUser user) =>
            TypedResults.Ok((await db.Orders.AsNoTracking().Where(o => o.ConsumerId == user.RequiredId).OrderByDescending(o => o.CreatedAt).Take(100).ToListAsync())
                .Select(OrderView.From).ToList()));
        orders.MapPost("/{id:guid}/pay", async (Guid id, PayRequest request, PaymentProcessing payments, CurrentUser user, HttpRequest http) =>
            TypedResults.Ok(await payments.PayAsync(user.RequiredId, id, request.Method, http)))
            .WithIdempotency();

        app.MapPost("/api/payments/sandbox/notify", (HttpRequest request, GatewayNotifications notifications) => notifications.ReceiveAsync(request))
            .WithTags("Payments").AllowAnonymous().DisableAntiforgery();

        app.MapGet("/api/me/wallet", async (AppDbContext db, CurrentUser user) =>
        {
            var userId = user.RequiredId;
            var balance = await db.Wallets.Where(w => w.UserId == userId).Select(w => (long?)w.BalanceFen).SingleOrDefaultAsync() ?? 0;
            var account = Accounts.ConsumerWallet(userId);
            var movements = await db.LedgerEntries.AsNoTracking().Where(e => e.Account == account).OrderByDescending(e => e.Id).Take(50)
                .Select(e => new WalletMovement(e.At, e.Kind, e.AmountFen)).ToListAsync();
            return TypedResults.Ok(new WalletView(balance, movements));
        }).WithTags("Payments").RequireAuthorization();
    }
}
