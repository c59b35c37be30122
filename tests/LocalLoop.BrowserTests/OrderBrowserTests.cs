using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// Goods of two demo merchants in one checkout, in Chromium: the demo consumer on a phone puts the hotpot restaurant's
/// 火锅底料 and the tailor's tie in the cart, checks out once with an address, pays both orders from the wallet and sees
/// them paid; the restaurant's owner dispatches on its order page; the consumer confirms receipt.
/// </summary>
public sealed class OrderBrowserTests(ITestOutputHelper output) : DemoJourney(output, "orders")
{
    private const string HotpotBase = "重庆牛油火锅底料 500g";
    private const string Tie = "真丝领带";

    [Fact]
    public async Task A_consumer_buys_goods_of_two_merchants_in_one_checkout_and_confirms_receipt_after_dispatch()
    {
        await JourneyAsync(async () =>
        {
            // The owners' product lists link to the public product pages (as an owner would share them).
            var owner = await NewPersonAsync(mobile: false);
            await SignInAsync(owner, "owner@demo.localloop");
            var hotpotBase = await ProductLinkAsync(owner, HotpotBase);
            var tailor = await NewPersonAsync(mobile: false);
            await SignInAsync(tailor, "owner3@demo.localloop");
            var tie = await ProductLinkAsync(tailor, Tie);

            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer@demo.localloop");
            await consumer.GotoAsync(hotpotBase);
            await consumer.FillAsync("#cart-quantity", "2");
            await ShotAsync(consumer, "consumer-product");
            await consumer.Locator("#add-to-cart button[type=submit]").ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/cart$"));
            await consumer.GotoAsync(tie);
            await consumer.Locator("#add-to-cart button[type=submit]").ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/cart$"));
            await Expect(consumer.Locator(".cart-merchant")).ToHaveCountAsync(2);
            await Expect(consumer.Locator("#cart-total")).ToHaveTextAsync("¥275.00");
            await ShotAsync(consumer, "consumer-cart");

            await consumer.ClickAsync("#to-checkout");
            await consumer.WaitForURLAsync(new Regex("/checkout$"));
            await consumer.FillAsync("#checkout-RecipientName", "李雷");
            await consumer.FillAsync("#checkout-RecipientPhone", "13800138000");
            await consumer.FillAsync("#checkout-Address", "上海市黄浦区南京东路 100 号 5 楼");
            await ShotAsync(consumer, "consumer-checkout");
            await consumer.ClickAsync("#place-orders");
            await consumer.WaitForURLAsync(new Regex("/checkout/[0-9a-f-]{36}$"));
            var orders = consumer.Locator("article.checkout-order");
            await Expect(orders).ToHaveCountAsync(2);
            await ShotAsync(consumer, "consumer-pay-step");
            for (var i = 0; i < 2; i++)
            {
                await consumer.Locator("article.checkout-order[data-state='PendingPayment'] button[value='wallet']").First.ClickAsync();
                await Expect(consumer.Locator("article.checkout-order[data-state='Paid']")).ToHaveCountAsync(i + 1);
            }

            await Expect(consumer.Locator("#checkout-settled")).ToBeVisibleAsync();
            await ShotAsync(consumer, "consumer-paid");

            await consumer.GotoAsync("/orders");
            var hotpotOrder = consumer.Locator("a.my-order", new() { HasText = HotpotBase });
            await Expect(hotpotOrder).ToHaveAttributeAsync("data-state", "Paid");
            await Expect(consumer.Locator("a.my-order", new() { HasText = Tie })).ToHaveAttributeAsync("data-state", "Paid");
            await ShotAsync(consumer, "consumer-my-orders");
            var orderPath = (await hotpotOrder.GetAttributeAsync("href"))!;

            // The restaurant dispatches the parcel from its order list.
            await owner.GotoAsync("/merchant/orders?state=Paid");
            await ShotAsync(owner, "owner-orders");
            await owner.Locator($"#merchant-orders a[href='/merchant{orderPath}']").ClickAsync();
            await owner.Locator("#order-progress button[value='Dispatched']").ClickAsync();
            await Expect(owner.Locator("#order-state")).ToHaveTextAsync("配送中");
            await ShotAsync(owner, "owner-dispatched");

            await consumer.GotoAsync(orderPath);
            await Expect(consumer.Locator("#order-steps [aria-current='step']")).ToHaveTextAsync(new Regex("配送中"));
            await ShotAsync(consumer, "consumer-dispatched");
            await consumer.ClickAsync("#confirm-receipt");
            await Expect(consumer.Locator("#order-state")).ToHaveTextAsync("已完成");
            await ShotAsync(consumer, "consumer-received");
        });
    }

    private static async Task<string> ProductLinkAsync(IPage owner, string title)
    {
        await owner.GotoAsync("/merchant/products");
        return (await owner.Locator("main tr", new() { HasText = title }).Locator("a[href^='/products/']").GetAttributeAsync("href"))!;
    }
}
