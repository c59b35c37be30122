using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// From a store page to a pickup at that store, on a phone: the hotpot restaurant's owner stocks its second store
/// (分店1) with the packaged hotpot base; the demo consumer opens that store's page, sees its goods, opens the base,
/// puts it in the cart and sees the cart count go up, then checks out for pickup choosing the second store — and the
/// order is served there. Once it is collected, the consumer asks for a return with a photo picked on the page, and the
/// owner sees the photo among the after-sales requests.
/// </summary>
public sealed class StorefrontBrowserTests(ITestOutputHelper output) : DemoJourney(output, "storefront")
{
    private const string HotpotBase = "重庆牛油火锅底料 500g";

    [Fact]
    public async Task A_consumer_buys_from_the_store_page_and_collects_at_the_second_store()
    {
        await JourneyAsync(async () =>
        {
            var owner = await NewPersonAsync(mobile: false);
            await SignInAsync(owner, "owner@demo.localloop");
            var secondStore = await StockSecondStoreAsync(owner);

            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer@demo.localloop");
            await consumer.GotoAsync($"/stores/{secondStore}");
            var before = await CartCountAsync(consumer);
            var card = consumer.Locator("#store-goods a.card", new() { HasText = HotpotBase });
            await Expect(card).ToHaveAttributeAsync("data-sold-out", "false");
            await card.ScrollIntoViewIfNeededAsync();
            await ShotAsync(consumer, "store-goods");

            await card.ClickAsync();
            // The SKU picker adds the chosen SKU to the address (history.replaceState) as soon as its script runs.
            await consumer.WaitForURLAsync(new Regex($"/products/[0-9a-f-]{{36}}\\?store={secondStore}(&sku=[0-9a-f-]{{36}})?$"));
            await consumer.Locator("#add-to-cart button[type=submit]").ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/cart$"));
            await Expect(consumer.Locator("#cart-count [aria-hidden=true]")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await ShotAsync(consumer, "cart-count");

            await consumer.ClickAsync("#to-checkout");
            await consumer.WaitForURLAsync(new Regex("/checkout$"));
            var stores = consumer.Locator("fieldset.checkout-stores", new() { HasText = "分店1" });
            await Expect(stores).ToBeHiddenAsync();
            await consumer.Locator("input[name='Input.Fulfilment'][value='pickup']").CheckAsync();
            await Expect(stores).ToBeVisibleAsync();
            await stores.Locator($"input[value='{secondStore}']").CheckAsync();
            await ShotAsync(consumer, "checkout-pickup-store");
            await consumer.ClickAsync("#place-orders");
            await consumer.WaitForURLAsync(new Regex("/checkout/[0-9a-f-]{36}$"));
            await ShotAsync(consumer, "pay-step");

            var checkoutId = consumer.Url[(consumer.Url.LastIndexOf('/') + 1)..];
            var orders = await JsonAsync(consumer, $"/api/checkouts/{checkoutId}");
            var pickup = orders.EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "Pickup");
            Assert.Equal(secondStore, pickup.GetProperty("storeId").GetString()); // served by the store the consumer chose

            // Paid from the wallet, handed over at the counter; the consumer asks to return it with a photo the merchant sees.
            await consumer.Locator("article.checkout-order[data-state='PendingPayment'] button[value='wallet']").First.ClickAsync();
            await Expect(consumer.Locator("#checkout-settled")).ToBeVisibleAsync();
            var orderId = pickup.GetProperty("id").GetString();
            await owner.GotoAsync($"/merchant/orders/{orderId}");
            foreach (var state in new[] { "Accepted", "ReadyForPickup", "Completed" })
            {
                await owner.Locator($"#order-progress button[value='{state}']").ClickAsync();
            }

            await Expect(owner.Locator("#order-progress")).ToHaveCountAsync(0); // completed: nothing left to move
            await consumer.GotoAsync($"/orders/{orderId}/after-sales");
            await consumer.FillAsync("#Input_Reason", "包装破损");
            await consumer.SetInputFilesAsync("#photo", new FilePayload { Name = "damaged.png", MimeType = "image/png", Buffer = Swatch });
            await consumer.Locator("#after-sales-form button[type=submit]").ClickAsync();
            await Expect(consumer.Locator("article[data-request] img")).ToHaveJSPropertyAsync("naturalWidth", 8); // served and decoded
            await ShotAsync(consumer, "after-sales-photo");
            await owner.GotoAsync("/merchant/after-sales");
            await Expect(owner.Locator("#after-sales-table img")).ToHaveJSPropertyAsync("naturalWidth", 8); // the owner may see it
            await ShotAsync(owner, "merchant-after-sales-photo");
        });
    }

    /// <summary>An 8×6 PNG checkerboard in the brand colour: enough to see the thumbnail on the screenshots.</summary>
    private static readonly byte[] Swatch = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAHElEQVR42mP4n8UAQhCAxGbALYEhBGHjkSDVDgDhkGmRCLZj2QAAAABJRU5ErkJggg==");

    /// <summary>The owner moves 5 of each hotpot-base SKU from the standby warehouse to the second store, through the inventory API.</summary>
    private static async Task<string> StockSecondStoreAsync(IPage owner)
    {
        var locations = (await JsonAsync(owner, "/api/merchant/inventory/locations")).EnumerateArray().ToList();
        var standby = locations.Single(l => l.GetProperty("name").GetString() == "中央备货仓").GetProperty("id").GetString()!;
        var second = locations.Single(l => l.GetProperty("name").GetString()!.Contains("分店1", StringComparison.Ordinal)).GetProperty("id").GetString()!;
        var lines = (await JsonAsync(owner, $"/api/merchant/inventory/stock?locationId={standby}")).EnumerateArray()
            .Where(r => r.GetProperty("title").GetString() == HotpotBase)
            .Select(r => new { productId = r.GetProperty("productId").GetString(), skuId = r.GetProperty("skuId").GetString(), quantity = 5 }).ToList();
        var moved = await owner.APIRequest.PostAsync("/api/merchant/inventory/transfers",
            new() { DataObject = new { fromLocationId = standby, toLocationId = second, note = "自提备货", lines } });
        Assert.True(moved.Ok, await moved.TextAsync());
        return second;
    }

    private static async Task<int> CartCountAsync(IPage page)
    {
        var count = page.Locator("#cart-count [aria-hidden=true]");
        return await count.CountAsync() == 0 ? 0 : int.Parse(await count.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<JsonElement> JsonAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        Assert.True(response.Ok, path);
        return (await response.JsonAsync())!.Value;
    }
}
