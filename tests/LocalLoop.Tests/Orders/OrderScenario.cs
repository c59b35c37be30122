using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;

namespace LocalLoop.Tests.Orders;

/// <summary>Line orders as consumers and merchants make them, through the public API.</summary>
public static class OrderScenario
{
    public const string Address = "上海市黄浦区南京东路 100 号 5 楼";

    /// <summary>A merchant whose shirt SKU <paramref name="skuIndex"/> has <paramref name="units"/> in its warehouse.</summary>
    public static async Task<InventorySetup> StockedMerchantAsync(TestApp app, int units, int skuIndex = 0)
    {
        var setup = await InventoryScenario.NewAsync(app);
        await InventoryScenario.ReceiveAsync(setup.Merchant.Owner, setup.Standby.Id, setup.Line(skuIndex, units));
        return setup;
    }

    public static CartItemRequest Item(InventorySetup setup, int skuIndex, int quantity) => new(setup.Shirt.Id, setup.Sku(skuIndex).Id, quantity);

    public static CheckoutRequest Shipping(params CartItemRequest[] items) =>
        new("shipping", items.Length == 0 ? null : [.. items], null, "李四", "13900139000", Address, CashOnDelivery: false);

    public static Task<HttpResponseMessage> CheckoutAsync(HttpClient consumer, CheckoutRequest request) => consumer.PostAsJsonAsync("/api/checkout", request);

    public static async Task<OrderView> PayWithWalletAsync(HttpClient consumer, Guid orderId)
    {
        await consumer.PostAsJsonAsync($"/api/orders/{orderId}/pay", new PayRequest("wallet")).ShouldReturnAsync<PayResult>();
        return (await consumer.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}"))!;
    }

    public static Task<HttpResponseMessage> ProgressAsync(HttpClient staff, Guid orderId, OrderState state) =>
        staff.PostAsJsonAsync($"/api/merchant/orders/{orderId}/progress", new ProgressRequest(state.ToString()));
}
