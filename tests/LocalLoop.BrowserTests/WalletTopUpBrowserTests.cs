using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// An operator adds a top-up bonus; a consumer on a phone tops up ¥500, sees the ¥50 bonus before paying, pays on the
/// gateway's cashier, comes back, and finds ¥550 more in the wallet with the bonus as its own line.
/// </summary>
public sealed class WalletTopUpBrowserTests(ITestOutputHelper output) : DemoJourney(output, "wallet-top-up")
{
    [Fact]
    public async Task A_consumer_tops_up_with_a_bonus_through_the_cashier_and_sees_the_balance()
    {
        await JourneyAsync(async () =>
        {
            var reviewer = await NewPersonAsync(mobile: false);
            await SignInAsync(reviewer, "reviewer@demo.localloop");
            await reviewer.GotoAsync("/admin/wallet/bonus-rules");
            await reviewer.FillAsync("[name='Input.Threshold']", "500");
            await reviewer.FillAsync("[name='Input.Bonus']", "50");
            await reviewer.Locator("#rule-form button[type=submit]").ClickAsync();
            await Expect(reviewer.Locator("#rules-table")).ToContainTextAsync("¥50.00");
            await ShotAsync(reviewer, "operator-bonus-rule");

            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer2@demo.localloop");
            await consumer.GotoAsync("/me/wallet");
            var before = Yuan(await consumer.Locator("#wallet-balance").InnerTextAsync());
            await consumer.ClickAsync("main a[href='/me/wallet/top-up']");
            await consumer.WaitForURLAsync(new Regex("/me/wallet/top-up"));
            await Expect(consumer.Locator("#top-up-offer-list")).ToContainTextAsync("¥500.00");
            await consumer.ClickAsync("a[href='/me/wallet/top-up?amount=500']");
            await Expect(consumer.Locator("#top-up-bonus")).ToHaveTextAsync("¥50.00");
            await Expect(consumer.Locator("#top-up-credited")).ToHaveTextAsync("¥550.00");
            await ShotAsync(consumer, "consumer-sees-bonus");

            await consumer.ClickAsync("#top-up-pay");
            await consumer.WaitForURLAsync(new Regex("/sandbox-gateway/cashier/"));
            await ShotAsync(consumer, "consumer-cashier");
            await consumer.ClickAsync("#confirm-pay");
            await consumer.WaitForURLAsync(new Regex("/me/wallet/top-up/"));
            await Expect(consumer.Locator("#top-up-result[data-state='Succeeded']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await ShotAsync(consumer, "consumer-topped-up");

            await consumer.GotoAsync("/me/wallet");
            Assert.Equal(before + 550m, Yuan(await consumer.Locator("#wallet-balance").InnerTextAsync()));
            await Expect(consumer.Locator("main")).ToContainTextAsync("充值赠送");
            await ShotAsync(consumer, "consumer-wallet");
        });
    }

    private static decimal Yuan(string text) => decimal.Parse(text.Trim().TrimStart('¥'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
