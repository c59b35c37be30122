using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using LocalLoop.Tests.Orders;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Tests.Payments2;

/// <summary>Steps of paying a whole checkout: checkouts across two merchants, the pay call, and the gateway's notification for it.</summary>
public static class CheckoutPaySteps
{
    /// <summary>Two units of A's shirt (¥198) and one of B's (¥109): two orders, ¥307 in all.</summary>
    public static Task<CheckoutResult> CheckoutTwoMerchantsAsync(Consumer consumer, InventorySetup a, InventorySetup b) =>
        OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(a, 0, 2), OrderScenario.Item(b, 2, 1)))
            .ShouldReturnAsync<CheckoutResult>(201);

    public static Task<HttpResponseMessage> PayAsync(Consumer consumer, Guid checkoutId, long walletFen) =>
        consumer.Client.PostAsJsonAsync($"/api/checkouts/{checkoutId}/pay", new CheckoutPayRequest(walletFen));

    public static Task<CheckoutPaymentView> LatestAsync(Consumer consumer, Guid checkoutId) =>
        consumer.Client.GetFromJsonAsync<CheckoutPaymentView>($"/api/checkouts/{checkoutId}/payment")!;

    public static Task<CheckoutPayment> RowAsync(TestApp app, Guid paymentId) =>
        app.WithDbAsync(db => db.Set<CheckoutPayment>().AsNoTracking().SingleAsync(p => p.Id == paymentId));

    public static Task<long> WalletAsync(TestApp app, Guid consumerId) =>
        app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == consumerId).Select(w => w.BalanceFen).SingleAsync());

    /// <summary>
    /// What is held of this consumer's wallet: the wallet parts of their pending checkout payments. Checks on the way that
    /// the ledger's holding account holds exactly the wallet parts of all pending payments.
    /// </summary>
    public static async Task<long> HeldAsync(TestApp app, Guid consumerId)
    {
        var pending = await app.WithDbAsync(db => db.Set<CheckoutPayment>().Where(p => p.State == CheckoutPaymentState.Pending)
            .Select(p => new { p.ConsumerId, p.WalletFen }).ToListAsync());
        (await app.AccountBalanceAsync(Accounts.PaymentHolds)).ShouldBe(pending.Sum(p => p.WalletFen), "the holding account holds the pending wallet parts");
        return pending.Where(p => p.ConsumerId == consumerId).Sum(p => p.WalletFen);
    }

    /// <summary>The gateway's signed notification for a checkout payment's trade, sent to <paramref name="node"/>.</summary>
    public static async Task<HttpResponseMessage> NotifyAsync(TestApp node, CheckoutPayment payment)
    {
        var transactionId = await node.WithDbAsync(db => db.SandboxTrades.Where(t => t.MerchantTradeNo == payment.TradeNo).Select(t => t.TransactionId).SingleAsync());
        var notification = new TradeNotification(transactionId, payment.TradeNo, payment.GatewayFen, "SUCCESS", DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"));
        return await node.Anonymous().SendAsync(Gateway.Notification(notification, Gateway.Secret(node)));
    }

    public static async Task<List<string>> StatesAsync(Consumer consumer, Guid checkoutId) =>
        [.. (await consumer.Client.GetFromJsonAsync<List<OrderView>>($"/api/checkouts/{checkoutId}"))!.Select(o => o.State)];

    /// <summary>The succeeded payments of one order, by method: what refunds send back the way it came.</summary>
    public static Task<List<Payment>> PaymentsOfAsync(TestApp app, Guid orderId) =>
        app.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.OrderId == orderId && p.State == PaymentState.Succeeded).ToListAsync());
}
