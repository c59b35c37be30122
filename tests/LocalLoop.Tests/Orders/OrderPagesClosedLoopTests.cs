using System.Net;
using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using Xunit;

namespace LocalLoop.Tests.Orders;

/// <summary>
/// The order pages as a browser posts them: add to the cart from the product page, a checkout the use case refuses
/// (no address, not enough stock) shows why in the consumer's language and places nothing, a repeated checkout form
/// places once, each order is paid on the pay step, the merchant dispatches on its order page, the consumer confirms
/// receipt, and the POS page records a counter sale by item number.
/// </summary>
public sealed class OrderPagesClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_checks_out_two_merchants_on_the_pages_and_a_refused_checkout_places_nothing(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 2, skuIndex: 1);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 100_000);
        var client = consumer.Client;

        (await client.GetStringAsync($"/products/{a.Shirt.Id}")).Contains("id=\"add-to-cart\"", StringComparison.Ordinal).ShouldBeTrue("the product page has the button");
        (await app.Anonymous().GetStringAsync($"/products/{a.Shirt.Id}")).Contains($"/account/login?returnUrl=%2Fproducts%2F{a.Shirt.Id}", StringComparison.Ordinal)
            .ShouldBeTrue("a visitor signs in first");
        await Post(client, "/cart", "Add", new() { ["productId"] = a.Shirt.Id.ToString(), ["sku"] = a.Sku(0).Id.ToString(), ["quantity"] = "2" }).ShouldRedirectAsync("/cart");
        await Post(client, "/cart", "Add", new() { ["productId"] = b.Shirt.Id.ToString(), ["sku"] = b.Sku(1).Id.ToString(), ["quantity"] = "3" }).ShouldRedirectAsync("/cart");
        var cartPage = await client.GetStringAsync("/cart");
        (Decoded(cartPage).Contains(a.Merchant.MerchantId.ToString(), StringComparison.Ordinal) && Decoded(cartPage).Contains("¥495.00", StringComparison.Ordinal))
            .ShouldBeTrue("grouped per merchant, 2 × 99 + 3 × 99 = 495 yuan");

        // No address: the refusal is next to the field, in Chinese by default; nothing is placed or held.
        var noAddress = await Post(client, "/checkout", "", Form(address: ""));
        ((int)noAddress.StatusCode).ShouldBe(200);
        Decoded(await noAddress.Content.ReadAsStringAsync()).Contains("请填写地址。", StringComparison.Ordinal).ShouldBeTrue("the missing address is named");

        // Three of B's two units, in English: refused whole, A's stock not held either.
        await client.GetAsync("/lang/en?returnUrl=/cart");
        var outOfStock = await Post(client, "/checkout", "", Form());
        ((int)outOfStock.StatusCode).ShouldBe(200);
        Decoded(await outOfStock.Content.ReadAsStringAsync()).Contains("fewer than 3 in stock", StringComparison.Ordinal).ShouldBeTrue("the refusal is in English");
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(5, "a refused checkout holds nothing");
        (await client.GetFromJsonAsync<CartView>("/api/cart"))!.ItemCount.ShouldBe(5, "and keeps the cart");
        await client.GetAsync("/lang/zh-CN?returnUrl=/cart");

        await Post(client, "/cart", "Set", new() { ["productId"] = b.Shirt.Id.ToString(), ["sku"] = b.Sku(1).Id.ToString(), ["quantity"] = "1" }).ShouldRedirectAsync("/cart");
        var form = Form();
        var payPage = await Post(client, "/checkout", "", form).ShouldRedirectAsync("/checkout/");
        (await Post(client, "/checkout", "", form).ShouldRedirectAsync("/checkout/")).ShouldBe(payPage, "the same form sent twice places once");
        var orders = (await client.GetFromJsonAsync<List<OrderView>>($"/api/checkouts/{payPage["/checkout/".Length..]}"))!;
        orders.OrderByDescending(o => o.TotalFen).Select(o => (o.MerchantId, o.Kind, o.Channel, o.TotalFen, o.DeliveryAddress)).ShouldBeEquivalentTo(
            [(a.Merchant.MerchantId, "Shipping", "Web", 19_800L, OrderScenario.Address), (b.Merchant.MerchantId, "Shipping", "Web", 9_900L, OrderScenario.Address)]);

        foreach (var order in orders)
        {
            await Post(client, payPage, "Pay", new() { ["orderId"] = order.Id.ToString(), ["method"] = "wallet", [IdempotentFormAttribute.FormField] = Guid.NewGuid().ToString() })
                .ShouldRedirectAsync(payPage);
        }

        Decoded(await client.GetStringAsync(payPage)).Contains("id=\"checkout-settled\"", StringComparison.Ordinal).ShouldBeTrue("both paid");
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(consumer.Id))).ShouldBe(100_000 - 29_700);
        var mine = Decoded(await client.GetStringAsync("/orders"));
        (mine.Split("data-state=\"Paid\"").Length - 1).ShouldBe(2, "my orders show both paid");

        // Merchant A dispatches on its page; B cannot open A's order; the consumer confirms receipt.
        var orderA = orders.Single(o => o.MerchantId == a.Merchant.MerchantId).Id;
        (await b.Merchant.Owner.GetAsync($"/merchant/orders/{orderA}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Decoded(await a.Merchant.Clerk.GetStringAsync("/merchant/orders?state=Paid")).Contains($"/merchant/orders/{orderA}", StringComparison.Ordinal).ShouldBeTrue("listed under Paid");
        await Post(a.Merchant.Clerk, $"/merchant/orders/{orderA}", "Progress", new() { ["state"] = "Dispatched" }).ShouldRedirectAsync($"/merchant/orders/{orderA}");
        Decoded(await client.GetStringAsync($"/orders/{orderA}")).Contains("id=\"confirm-receipt\"", StringComparison.Ordinal).ShouldBeTrue();
        await Post(client, $"/orders/{orderA}", "ConfirmReceipt", new()).ShouldRedirectAsync($"/orders/{orderA}");
        (await client.GetFromJsonAsync<OrderView>($"/api/orders/{orderA}"))!.State.ShouldBe("Completed");
        Decoded(await client.GetStringAsync($"/orders/{orderA}")).Contains($"href=\"/orders/{orderA}/after-sales\"", StringComparison.Ordinal)
            .ShouldBeTrue("a received order leads to returns and exchanges");

        // The POS rings up one unit by item number at the honouring store; an unknown item number is refused by name.
        var itemNumber = a.Shirt.Live!.Skus[0].ItemNumber;
        var unknown = await Post(a.Merchant.Clerk, "/merchant/pos", "", Pos(a, "NOPE-1"));
        Decoded(await unknown.Content.ReadAsStringAsync()).Contains("没有货号为 NOPE-1 的商品。", StringComparison.Ordinal).ShouldBeTrue();
        var sale = await Post(a.Merchant.Clerk, "/merchant/pos", "", Pos(a, itemNumber)).ShouldRedirectAsync("/merchant/orders/");
        Decoded(await a.Merchant.Clerk.GetStringAsync(sale)).Contains("已记录门店销售 ¥99.00", StringComparison.Ordinal).ShouldBeTrue("the sale is shown");

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    private static Dictionary<string, string> Form(string address = OrderScenario.Address) => new()
    {
        ["Input.Fulfilment"] = "shipping", ["Input.RecipientName"] = "李四", ["Input.RecipientPhone"] = "13900139000", ["Input.Address"] = address,
        [IdempotentFormAttribute.FormField] = Guid.NewGuid().ToString(),
    };

    private static Dictionary<string, string> Pos(InventorySetup setup, string itemNumber) => new()
    {
        ["Input.StoreId"] = setup.Merchant.HonouringStoreId.ToString(), ["Input.Lines[0].ItemNumber"] = itemNumber, ["Input.Lines[0].Quantity"] = "1",
        [IdempotentFormAttribute.FormField] = Guid.NewGuid().ToString(),
    };

    /// <summary>Posts a page's form with the antiforgery token the page rendered; an empty handler is the page's default one.</summary>
    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string handler, Dictionary<string, string> fields) =>
        PageForms.PostAsync(client, path, handler, fields);

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);
}

internal static class RedirectAssertions
{
    /// <summary>The response redirects to a location starting with <paramref name="prefix"/>; returns that location.</summary>
    public static async Task<string> ShouldRedirectAsync(this Task<HttpResponseMessage> request, string prefix)
    {
        var response = await request;
        ((int)response.StatusCode).ShouldBe(302, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.OriginalString;
        location.StartsWith(prefix, StringComparison.Ordinal).ShouldBeTrue($"redirects to {prefix}…, not {location}");
        return location;
    }
}
