using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LocalLoop.AfterSales;
using LocalLoop.Catalog;
using LocalLoop.Discovery;
using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Catalog;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using LocalLoop.Tests.Orders;
using Xunit;

namespace LocalLoop.Tests.Storefront;

/// <summary>
/// The consumer's way through a store: the store page lists the merchant's goods priced at that store (its own price
/// where it sets one), marks what is sold out (a takeout dish by its own store's stock) and leaves out other merchants'
/// goods; the cart link counts the units for consumers only; checkout with pickup serves from the store the consumer
/// picked (another merchant's store is ignored: the merchant's first store serves); and an after-sales request carries
/// a photo picked on the page, which the merchant's customer service sees and other merchants do not.
/// </summary>
public sealed partial class StorefrontClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_sees_the_stores_goods_fills_the_cart_and_collects_at_the_store_they_chose(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 0);
        var (first, second) = (a.Merchant.HonouringStoreId, a.Merchant.OtherStoreId);
        var owner = a.Merchant.Owner;
        await InventoryScenario.ReceiveAsync(owner, first, a.Line(0, 1));
        await InventoryScenario.ReceiveAsync(owner, second, a.Line(0, 3));
        await (await owner.PutAsJsonAsync($"/api/merchant/products/{a.Shirt.Id}/skus/{a.Sku(0).Id}/stores/{second}/price", new StorePriceRequest(8_800)))
            .ShouldHaveStatusAsync(204);
        var soldOut = await CatalogScenario.LiveAsync(app, owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix(), "亚麻衬衫"));
        var dish = await CatalogScenario.LiveAsync(app, owner, new ProductRequest(nameof(ProductKind.TakeoutDish), "红糖糍粑", "food.hotpot", null, "外卖",
            new KindFields { PackagingFeeFen = 200 }, [], [new SkuRequest([], CatalogScenario.NewPrefix(), null, 1_800, 700)]));
        await InventoryScenario.ReceiveAsync(owner, first, new ReceiptLineRequest(dish.Id, dish.Live!.Skus[0].Id, 4, 700));
        var other = await InventoryScenario.NewAsync(app);

        // The second store: the shirt from its own ¥88, the linen shirt (no stock anywhere) sold out, nothing of the other merchant.
        var anonymous = app.Anonymous();
        var atSecond = Decoded(await anonymous.GetStringAsync($"/stores/{second}"));
        var shirtCard = Card(atSecond, a.Shirt.Id);
        (shirtCard.Contains($"href=\"/products/{a.Shirt.Id}?store={second}\"", StringComparison.Ordinal) && shirtCard.Contains("¥88.00 起", StringComparison.Ordinal)
            && shirtCard.Contains("本店价", StringComparison.Ordinal) && shirtCard.Contains("data-sold-out=\"false\"", StringComparison.Ordinal))
            .ShouldBeTrue($"the shirt links to its page at this store, from the store's price: {shirtCard}");
        var linenCard = Card(atSecond, soldOut.Id);
        (linenCard.Contains("已售罄", StringComparison.Ordinal) && linenCard.Contains("data-sold-out=\"true\"", StringComparison.Ordinal)).ShouldBeTrue(linenCard);
        Card(atSecond, dish.Id).Contains("data-sold-out=\"true\"", StringComparison.Ordinal).ShouldBeTrue("a dish is served by its store: none here");
        (!atSecond.Contains(other.Shirt.Id.ToString(), StringComparison.Ordinal)).ShouldBeTrue("another merchant's goods are not this store's");
        var firstPage = Decoded(await anonymous.GetStringAsync($"/stores/{first}"));
        var atFirst = Card(firstPage, a.Shirt.Id);
        Card(firstPage, dish.Id).Contains("data-sold-out=\"false\"", StringComparison.Ordinal).ShouldBeTrue("the first store has the dish");
        (atFirst.Contains("¥99.00 起", StringComparison.Ordinal) && !atFirst.Contains("本店价", StringComparison.Ordinal)).ShouldBeTrue($"catalog prices elsewhere: {atFirst}");

        // The cart count: none for visitors, the units for a consumer, none for merchant staff even with a cart.
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 100_000);
        var client = consumer.Client;
        CartCount(await anonymous.GetStringAsync("/")).ShouldBe(null, "visitors have no cart");
        CartCount(await client.GetStringAsync("/")).ShouldBe(null, "an empty cart shows no number");
        await Post(client, "/cart", "Add", new() { ["productId"] = a.Shirt.Id.ToString(), ["sku"] = a.Sku(0).Id.ToString(), ["quantity"] = "2" }).ShouldRedirectAsync("/cart");
        await Post(client, "/cart", "Add", new() { ["productId"] = a.Shirt.Id.ToString(), ["sku"] = a.Sku(0).Id.ToString(), ["quantity"] = "1" }).ShouldRedirectAsync("/cart");
        CartCount(await client.GetStringAsync($"/stores/{second}")).ShouldBe("3", "units, not lines");
        await (await a.Merchant.Clerk.PutAsJsonAsync("/api/cart/items", OrderScenario.Item(a, 0, 1))).ShouldHaveStatusAsync(200);
        CartCount(await a.Merchant.Clerk.GetStringAsync("/")).ShouldBe(null, "staff get no cart count");

        // Checkout: the merchant's two stores, the first checked; collecting 3 at the second charges its price and holds its stock.
        var checkout = Decoded(await client.GetStringAsync("/checkout"));
        checkout.Contains($"name=\"Input.StoreIds[0]\" value=\"{first}\" checked=\"checked\"", StringComparison.Ordinal).ShouldBeTrue("the first store is preselected");
        checkout.Contains($"name=\"Input.StoreIds[0]\" value=\"{second}\"", StringComparison.Ordinal).ShouldBeTrue("the second can be chosen");
        var payPage = await Post(client, "/checkout", "", Pickup(second)).ShouldRedirectAsync("/checkout/");
        var order = (await client.GetFromJsonAsync<List<OrderView>>($"/api/checkouts/{payPage["/checkout/".Length..]}"))!.Single();
        (order.Kind, order.StoreId, order.TotalFen).ShouldBe(("Pickup", (Guid?)second, 3 * 8_800L));
        (await InventoryScenario.LevelAsync(owner, second, a.Sku(0).Id)).Reserved.ShouldBe(3, "held at the chosen store");
        CartCount(await client.GetStringAsync("/")).ShouldBe(null, "the cart was bought whole");

        // A store of another merchant is not this merchant's: checkout ignores it and the first store serves, at catalog price.
        await Post(client, "/cart", "Add", new() { ["productId"] = a.Shirt.Id.ToString(), ["sku"] = a.Sku(0).Id.ToString(), ["quantity"] = "1" }).ShouldRedirectAsync("/cart");
        var forged = await Post(client, "/checkout", "", Pickup(other.Merchant.HonouringStoreId)).ShouldRedirectAsync("/checkout/");
        var fallback = (await client.GetFromJsonAsync<List<OrderView>>($"/api/checkouts/{forged["/checkout/".Length..]}"))!.Single();
        (fallback.StoreId, fallback.TotalFen).ShouldBe(((Guid?)first, 9_900L));

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_after_sales_request_carries_the_photo_picked_on_the_page_and_the_merchant_sees_it(string database)
    {
        var app = await fixture.For(database);
        var paid = await RefundScenario.PaidShippingOrderAsync(app, false, (0, 2));
        await RefundScenario.DeliveredAsync(paid);
        var consumer = paid.Consumer.Client;
        var page = $"/orders/{paid.Id}/after-sales";

        // Not an image: refused on the page, nothing asked for.
        var refused = await PageForms.PostMultipartAsync(consumer, page, Request(), "photo", "not an image"u8.ToArray(), "note.png");
        ((int)refused.StatusCode).ShouldBe(200);
        Decoded(await refused.Content.ReadAsStringAsync()).Contains("只接受 PNG、JPEG 或 WebP 格式的图片。", StringComparison.Ordinal).ShouldBeTrue("the refusal is shown");
        (await consumer.GetFromJsonAsync<List<AfterSalesView>>($"/api/orders/{paid.Id}/after-sales"))!.Count.ShouldBe(0, "nothing asked for");

        var sent = await PageForms.PostMultipartAsync(consumer, page, Request(), "photo", TestImages.Png, "broken.png");
        ((int)sent.StatusCode).ShouldBe(302, await sent.Content.ReadAsStringAsync());
        var request = (await consumer.GetFromJsonAsync<List<AfterSalesView>>($"/api/orders/{paid.Id}/after-sales"))!.Single();
        request.PhotoUrl!.StartsWith("/files/", StringComparison.Ordinal).ShouldBeTrue(request.PhotoUrl);
        Decoded(await consumer.GetStringAsync(page)).Contains($"<img src=\"{request.PhotoUrl}\"", StringComparison.Ordinal).ShouldBeTrue("the consumer sees their photo");

        // The merchant's customer service handles the request and sees the photo; another merchant and a visitor cannot open it.
        var clerk = (await new StaffScenario(app).InviteAsync(paid.Setup.Merchant, Roles.CustomerService)).Client;
        Decoded(await clerk.GetStringAsync("/merchant/after-sales")).Contains($"<img src=\"{request.PhotoUrl}\"", StringComparison.Ordinal).ShouldBeTrue("shown on the merchant's list");
        var photo = await clerk.GetAsync(request.PhotoUrl);
        (photo.StatusCode, photo.Content.Headers.ContentType!.MediaType).ShouldBe((HttpStatusCode.OK, "image/png"));
        (await photo.Content.ReadAsByteArrayAsync()).ShouldBeEquivalentTo(TestImages.Png);
        var stranger = await InventoryScenario.NewAsync(app);
        (await stranger.Merchant.Owner.GetAsync(request.PhotoUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Anonymous().GetAsync(request.PhotoUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Store_links_carry_the_shoppers_position_and_the_goods_pages_keep_it(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 0);
        for (var i = 0; i < StoreGoods.PageSize; i++)
        {
            await CatalogScenario.LiveAsync(app, a.Merchant.Owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix(), $"条纹衬衫 {i}"));
        }

        // A shopper a kilometre south of the store: the home page's store cards carry that position, or the picked area.
        const string Position = "lat=31.2214&lng=121.4737";
        var anonymous = app.Anonymous();
        var home = Decoded(await anonymous.GetStringAsync("/?mode=stores&" + Position));
        var cards = StoreCardLinks(home);
        (cards.Count > 0 && cards.All(link => link.EndsWith("?" + Position, StringComparison.Ordinal))).ShouldBeTrue($"every store card keeps the position: {string.Join(" ", cards)}");
        StoreCardLinks(Decoded(await anonymous.GetStringAsync("/?mode=stores&city=shanghai-lujiazui")))
            .All(link => link.EndsWith("?city=shanghai-lujiazui", StringComparison.Ordinal)).ShouldBeTrue("or the picked area");

        // The store's goods fill two pages; the next page keeps the position, so it still shows how far the store is.
        var store = a.Merchant.HonouringStoreId;
        var first = Decoded(await anonymous.GetStringAsync($"/stores/{store}?{Position}"));
        first.Contains("id=\"store-distance\">1.0 公里", StringComparison.Ordinal).ShouldBeTrue("a kilometre away");
        var next = NextGoodsPage().Match(first);
        next.Success.ShouldBeTrue("a second page of goods");
        next.Groups[1].Value.ShouldBe($"?{Position}&goods=2#store-products");
        var second = Decoded(await anonymous.GetStringAsync($"/stores/{store}{next.Groups[1].Value.Split('#')[0]}"));
        (second.Contains("aria-current=\"page\">2<", StringComparison.Ordinal) && second.Contains("id=\"store-distance\">1.0 公里", StringComparison.Ordinal))
            .ShouldBeTrue("the second page, still with the distance");
    }

    private static List<string> StoreCardLinks(string html) =>
        StoreCardPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("class=\"card store-card\" href=\"(/stores/[^\"]+)\"")]
    private static partial Regex StoreCardPattern();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextGoodsPage();

    private static Dictionary<string, string> Pickup(Guid storeId) => new()
    {
        ["Input.Fulfilment"] = "pickup", ["Input.StoreIds[0]"] = storeId.ToString(), [IdempotentFormAttribute.FormField] = Guid.NewGuid().ToString(),
    };

    private static Dictionary<string, string> Request() => new()
    {
        ["Input.LineNumber"] = "1", ["Input.Kind"] = nameof(AfterSalesKind.Return), ["Input.Quantity"] = "1", ["Input.Reason"] = "领口开线",
    };

    /// <summary>The goods card of a product on the store page, from its opening tag to its end.</summary>
    private static string Card(string html, Guid productId)
    {
        var start = html.IndexOf($"data-product=\"{productId}\"", StringComparison.Ordinal);
        (start >= 0).ShouldBeTrue($"product {productId} is listed");
        return html[html.LastIndexOf("<a ", start, StringComparison.Ordinal)..html.IndexOf("</a>", start, StringComparison.Ordinal)];
    }

    private static string? CartCount(string html) => CartCountPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"id=""cart-count""><span aria-hidden=""true"">(\d+)</span>")]
    private static partial Regex CartCountPattern();

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string handler, Dictionary<string, string> fields) =>
        PageForms.PostAsync(client, path, handler, fields);

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);
}
