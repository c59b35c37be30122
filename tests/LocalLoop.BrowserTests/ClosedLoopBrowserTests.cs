using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The whole O2O loop in Chromium, as four people in four browser profiles: an applicant who becomes the owner,
/// the platform's reviewer, a consumer on a phone-sized screen, and the owner's clerk. A screenshot of every step
/// is saved under TestResults/screenshots.
/// </summary>
public sealed class ClosedLoopBrowserTests(ITestOutputHelper output) : DemoJourney(output, "closed-loop")
{
    [Fact]
    public async Task Reviewer_owner_consumer_and_clerk_walk_the_whole_loop_in_the_browser()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var business = $"浏览器火锅 {suffix}";
        var dealTitle = $"浏览器双人套餐 {suffix}";
        var ownerEmail = $"owner-{suffix}@test.localloop";
        var clerkEmail = $"clerk-{suffix}@test.localloop";
        const string password = "Journey123!";

        await JourneyAsync(async () =>
        {
            // 1. A business owner registers and applies.
            var owner = await NewPersonAsync(mobile: false);
            await owner.GotoAsync("/account/register");
            await owner.FillAsync("[name='Input.DisplayName']", "店主 老王");
            await owner.FillAsync("[name='Input.Email']", ownerEmail);
            await owner.FillAsync("[name='Input.Password']", password);
            await owner.Locator("form button[type=submit]").Last.ClickAsync();
            await owner.GotoAsync("/merchant/apply");
            await owner.FillAsync("[name='Input.BusinessName']", business);
            await owner.FillAsync("[name='Input.LicenseNumber']", "91310101MA1FPX1234");
            await owner.FillAsync("[name='Input.ContactName']", "王先生");
            await owner.FillAsync("[name='Input.ContactPhone']", "13812345678");
            await owner.SelectOptionAsync("[name='Input.Category']", "food");
            await owner.SetInputFilesAsync("[name='Input.Licence']", OnboardingBrowserTests.Licence());
            await owner.Locator("main form button[type=submit]").First.ClickAsync();
            await Expect(owner.Locator("main")).ToContainTextAsync(business);
            await ShotAsync(owner, "owner-applied");

            // 2. The reviewer approves the application.
            var reviewer = await NewPersonAsync(mobile: false);
            await SignInAsync(reviewer, "reviewer@demo.localloop");
            await reviewer.GotoAsync("/admin/merchants");
            var applicationRow = reviewer.Locator("[id^='app-']", new() { HasText = business });
            await ShotAsync(reviewer, "reviewer-merchant-queue");
            await applicationRow.Locator("form[action*='handler=Approve'] button").ClickAsync();
            await Expect(reviewer.Locator("[id^='app-']", new() { HasText = business }).Locator("form[action*='handler=Approve']")).ToHaveCountAsync(0);

            // 3. The owner signs in again and sets up a store, a clerk and a deal.
            await SignInAsync(owner, ownerEmail, password);
            await owner.GotoAsync("/merchant/stores");
            await owner.FillAsync("[name='Input.Name']", "人民广场旗舰店");
            await owner.FillAsync("[name='Input.City']", "上海");
            await owner.FillAsync("[name='Input.Address']", "上海市黄浦区西藏中路100号");
            await owner.FillAsync("[name='Input.Latitude']", "31.2305");
            await owner.FillAsync("[name='Input.Longitude']", "121.4738");
            await owner.FillAsync("[name='Input.Phone']", "021-63210000");
            await owner.FillAsync("[name='Input.OpensAt']", "10:00");
            await owner.FillAsync("[name='Input.ClosesAt']", "22:00");
            await owner.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(owner.Locator("main")).ToContainTextAsync("人民广场旗舰店");
            await ShotAsync(owner, "owner-store-added");

            await owner.GotoAsync("/merchant/staff");
            await owner.FillAsync("[name='Input.DisplayName']", "店员 小李");
            await owner.FillAsync("[name='Input.Email']", clerkEmail);
            await owner.FillAsync("[name='Input.Password']", password);
            await owner.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(owner.Locator("main")).ToContainTextAsync(clerkEmail);
            await ShotAsync(owner, "owner-clerk-added");

            await owner.GotoAsync("/merchant/deals/new");
            await owner.FillAsync("[name='Input.Title']", dealTitle);
            await owner.FillAsync("[name='Input.Contents']", "鸳鸯锅底 + 肥牛 + 毛肚 + 蔬菜拼盘 + 饮料两杯");
            await owner.SelectOptionAsync("[name='Input.Category']", "food");
            await owner.FillAsync("[name='Input.Price']", "99.00");
            await owner.FillAsync("[name='Input.OriginalPrice']", "168.00");
            await owner.FillAsync("[name='Input.ValidityDays']", "30");
            await owner.Locator("[name='Input.StoreIds']").First.CheckAsync();
            await owner.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(owner.Locator("main")).ToContainTextAsync(dealTitle);
            await ShotAsync(owner, "owner-deal-submitted");

            // 4. The reviewer approves the deal; only now do consumers see it.
            await reviewer.GotoAsync("/admin/deals");
            await ShotAsync(reviewer, "reviewer-deal-queue");
            await reviewer.Locator("[id^='deal-']", new() { HasText = dealTitle }).Locator("form[action*='handler=Approve'] button").ClickAsync();
            await Expect(reviewer.Locator("[id^='deal-']", new() { HasText = dealTitle })).ToHaveCountAsync(0);

            // 5. A consumer nearby finds the deal, buys two from the wallet and one through the gateway.
            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer@demo.localloop");
            await consumer.GotoAsync("/?lat=31.2304&lng=121.4737&category=food");
            var card = consumer.Locator("a.deal-card", new() { HasText = dealTitle });
            await Expect(card).ToContainTextAsync(new Regex("(米|km)"));
            await ShotAsync(consumer, "consumer-nearby");
            await card.ClickAsync();
            await ShotAsync(consumer, "consumer-deal");
            await consumer.FillAsync("[name='Input.Quantity']", "2");
            await consumer.CheckAsync("[name='Input.Method'][value='wallet']");
            await consumer.Locator("main form button[type=submit]").Last.ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/orders/"));
            await Expect(consumer.Locator(".voucher-codes .code")).ToHaveCountAsync(2);
            await ShotAsync(consumer, "consumer-paid-wallet");

            await consumer.GoBackAsync();
            await consumer.ReloadAsync();
            await consumer.FillAsync("[name='Input.Quantity']", "1");
            await consumer.CheckAsync("[name='Input.Method'][value='gateway']");
            await consumer.Locator("main form button[type=submit]").Last.ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/sandbox-gateway/cashier/"));
            await ShotAsync(consumer, "consumer-gateway-cashier");
            await consumer.ClickAsync("#confirm-pay");
            await consumer.WaitForURLAsync(new Regex("/orders/"));
            // The order page refreshes itself until the gateway's signed notification arrives.
            await Expect(consumer.Locator(".voucher-codes .code")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await ShotAsync(consumer, "consumer-paid-gateway");

            await consumer.GotoAsync("/me/vouchers");
            var myVouchers = consumer.Locator("article.voucher", new() { HasText = dealTitle });
            await Expect(myVouchers).ToHaveCountAsync(3);
            await Expect(myVouchers.First.Locator("svg")).ToBeVisibleAsync();
            var code = Regex.Replace(await myVouchers.First.Locator(".code").InnerTextAsync(), "[^0-9]", "");
            code.Length.ShouldBe(12);
            await ShotAsync(consumer, "consumer-my-vouchers");

            // 6. The clerk verifies the code at the counter; a second try is refused.
            var clerk = await NewPersonAsync(mobile: false);
            await SignInAsync(clerk, clerkEmail, password);
            await clerk.GotoAsync("/merchant/verify");
            await clerk.FillAsync("[name='Code']", code[..4] + " " + code[4..8] + " " + code[8..]);
            await clerk.Locator("main form button[type=submit]").First.ClickAsync();
            await Expect(clerk.Locator(".verify-result-preview")).ToContainTextAsync(dealTitle);
            await clerk.ClickAsync("#confirm-verify");
            await Expect(clerk.Locator(".verify-result-ok")).ToContainTextAsync(dealTitle);
            await ShotAsync(clerk, "clerk-verified");
            await clerk.FillAsync("[name='Code']", code);
            await clerk.Locator("main form button[type=submit]").First.ClickAsync();
            await Expect(clerk.Locator(".verify-result-fail")).ToBeVisibleAsync();
            await ShotAsync(clerk, "clerk-second-try-refused");

            // 7. The consumer reviews the visit and refunds an unused voucher.
            await consumer.GotoAsync("/me/vouchers");
            await consumer.Locator("article.voucher", new() { HasText = dealTitle }).Locator("a[href$='/review']").ClickAsync();
            await consumer.Locator("label[for='rating-5']").ClickAsync();
            await consumer.FillAsync("[name='Input.Text']", "锅底很香，服务热情，下次还来！");
            await consumer.Locator("main form button[type=submit]").Last.ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/stores/"));
            await Expect(consumer.Locator("main")).ToContainTextAsync("锅底很香");
            await ShotAsync(consumer, "consumer-reviewed-store");

            await consumer.GotoAsync("/me/vouchers");
            var refundable = consumer.Locator("article.voucher", new() { HasText = dealTitle }).Filter(new() { Has = consumer.Locator("form[action*='handler=Refund']") });
            var beforeRefund = await refundable.CountAsync();
            await refundable.First.Locator("details.refund summary").ClickAsync();
            await refundable.First.Locator("form[action*='handler=Refund'] button").ClickAsync();
            await Expect(consumer.Locator(".alert-success")).ToBeVisibleAsync();
            await Expect(consumer.Locator("article.voucher", new() { HasText = dealTitle }).Filter(new() { Has = consumer.Locator("form[action*='handler=Refund']") }))
                .ToHaveCountAsync(beforeRefund - 1);
            await ShotAsync(consumer, "consumer-refunded");

            // 8. The owner sees the verification and the money; the operator sees a balanced ledger.
            await owner.GotoAsync("/merchant");
            await Expect(owner.Locator(".kpis")).ToBeVisibleAsync();
            await Expect(owner.Locator(".chart svg")).ToBeVisibleAsync();
            await ShotAsync(owner, "owner-dashboard");
            await reviewer.GotoAsync("/admin");
            await Expect(reviewer.Locator("main")).ToContainTextAsync("¥0.00");
            await ShotAsync(reviewer, "operator-dashboard");

            // And the same console in English.
            await owner.GotoAsync("/lang/en?returnUrl=/merchant");
            await Expect(owner.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await ShotAsync(owner, "owner-dashboard-english");
        });
    }

}

internal static class ShouldExtensions
{
    public static void ShouldBe<T>(this T actual, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            Assert.Fail($"Expected {expected} but got {actual}.");
        }
    }
}
