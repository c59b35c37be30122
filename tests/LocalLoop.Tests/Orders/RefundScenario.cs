using System.Net.Http.Json;
using LocalLoop.AfterSales;
using LocalLoop.Ordering;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;

namespace LocalLoop.Tests.Orders;

/// <summary>A consumer's paid goods order and the merchant behind it, ready for refunds and after-sales.</summary>
public sealed record PaidOrder(InventorySetup Setup, Consumer Consumer, OrderView Order)
{
    public HttpClient Merchant => Setup.Merchant.Owner;
    public Guid Id => Order.Id;
}

/// <summary>Refunds, cancellations and after-sales requests as merchants, consumers and operators make them, through the public API.</summary>
public static class RefundScenario
{
    /// <summary>A merchant with 10 units of each named shirt SKU and a consumer's shipping order of (SKU, quantity) lines, placed and paid.</summary>
    public static async Task<PaidOrder> PaidShippingOrderAsync(TestApp app, bool byGateway = false, params (int Sku, int Quantity)[] lines)
    {
        var setup = await InventoryScenario.NewAsync(app);
        await InventoryScenario.ReceiveAsync(setup.Merchant.Owner, setup.Standby.Id, [.. lines.Select(l => setup.Line(l.Sku, 10))]);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 100_000);
        var placed = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping([.. lines.Select(l => OrderScenario.Item(setup, l.Sku, l.Quantity))]))
            .ShouldReturnAsync<CheckoutResult>(201);
        var orderId = placed.Orders.Single().Id;
        if (!byGateway)
        {
            return new PaidOrder(setup, consumer, await OrderScenario.PayWithWalletAsync(consumer.Client, orderId));
        }

        await Gateway.ConfirmOnCashierAsync(app, await PayflowSteps.PayByGatewayAsync(consumer, orderId));
        return new PaidOrder(setup, consumer, await Gateway.WaitUntilPaidAsync(consumer, orderId));
    }

    /// <summary>The merchant ships the order and the consumer confirms receipt: completed and settled.</summary>
    public static async Task<OrderView> DeliveredAsync(PaidOrder paid)
    {
        await OrderScenario.ProgressAsync(paid.Merchant, paid.Id, OrderState.Dispatched).ShouldReturnAsync<OrderView>();
        return await paid.Consumer.Client.PostAsync($"/api/orders/{paid.Id}/confirm-receipt", null).ShouldReturnAsync<OrderView>();
    }

    public static Task<HttpResponseMessage> RefundAsync(HttpClient staff, Guid orderId, params LineRefundRequest[] lines) =>
        staff.PostAsJsonAsync($"/api/merchant/orders/{orderId}/refunds", new OrderRefundRequest([.. lines], "商家退款"));

    public static async Task<OrderView> OrderAsync(Consumer consumer, Guid orderId) => (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}"))!;

    public static Task<HttpResponseMessage> AskAsync(Consumer consumer, Guid orderId, AfterSalesKind kind, int quantity, int lineNumber = 1) =>
        consumer.Client.PostAsJsonAsync($"/api/orders/{orderId}/after-sales", new AfterSalesInput(lineNumber, kind.ToString(), quantity, "尺码不合适", null));

    public static Task<HttpResponseMessage> MerchantActsAsync(HttpClient staff, Guid requestId, string action, string? note = null) =>
        staff.PostAsJsonAsync($"/api/merchant/after-sales/{requestId}/{action}", new NoteInput(note));

    public static Task<HttpResponseMessage> ShipBackAsync(Consumer consumer, Guid requestId, string trackingNumber = "SF1234567890") =>
        consumer.Client.PostAsJsonAsync($"/api/after-sales/{requestId}/tracking", new TrackingInput(trackingNumber));
}
