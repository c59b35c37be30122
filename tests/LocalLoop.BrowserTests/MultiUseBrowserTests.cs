using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// A card (次卡) in Chromium, on the demo data: the consumer sees the card's size before paying, buys the gym's
/// 10-visit card, the gym's owner verifies one use at the counter ("剩余 9/10 次"), and My vouchers shows the uses left
/// and the usage history. Screenshots under TestResults/screenshots/multi-use.
/// </summary>
public sealed class MultiUseBrowserTests(ITestOutputHelper output) : DemoJourney(output, "multi-use")
{
    [Fact]
    public async Task A_consumer_buys_a_ten_visit_card_and_the_gym_verifies_one_visit_at_a_time()
    {
        await JourneyAsync(async () =>
        {
            // The consumer finds the gym's card and reads its size and per-use price before paying.
            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer@demo.localloop");
            await consumer.GotoAsync("/?lat=31.2304&lng=121.4737&category=fitness");
            await consumer.Locator("a.deal-card", new() { HasText = "10次健身卡" }).First.ClickAsync();
            await Expect(consumer.Locator("#card-size")).ToContainTextAsync(new Regex(@"10 次卡 · 每次 ¥\d+\.\d\d"));
            await ShotAsync(consumer, "consumer-card-deal");
            await consumer.FillAsync("[name='Input.Quantity']", "1");
            await consumer.CheckAsync("[name='Input.Method'][value='wallet']");
            await consumer.Locator("main form button[type=submit]").Last.ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/orders/"));
            var code = Regex.Replace(await consumer.Locator(".voucher-codes .code").First.InnerTextAsync(), "[^0-9]", "");

            // The gym's owner verifies one visit: the counter says how many are left.
            var owner = await NewPersonAsync(mobile: false);
            await SignInAsync(owner, "owner17@demo.localloop");
            await owner.GotoAsync("/merchant/verify");
            await owner.FillAsync("[name='Code']", code);
            await owner.Locator("main form button[type=submit]").First.ClickAsync();
            await owner.Locator("#confirm-verify").ClickAsync();
            await Expect(owner.Locator(".verify-result-ok")).ToContainTextAsync("剩余 9/10 次");
            await ShotAsync(owner, "owner-verified-one-use");

            // My vouchers: still usable, 9 of 10 left, and the visit in the usage history.
            await consumer.GotoAsync("/me/vouchers");
            var card = consumer.Locator("article.voucher").Filter(new() { HasText = code[..4] + " " + code[4..8] + " " + code[8..] });
            await Expect(card).ToContainTextAsync("剩余 9/10 次");
            await card.Locator("details.card-history summary").ClickAsync();
            await Expect(card.Locator("details.card-history li")).ToHaveCountAsync(1);
            await ShotAsync(consumer, "consumer-card-history");
        });
    }
}
