using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// What a consumer sees of their vouchers, on a phone-sized screen in Chinese and then in English, on the demo data:
/// a deal's rules and refund policy before paying, My vouchers after paying from the wallet (QR code, dates in Shanghai
/// time, the rules bought with, the refund policy, a card's uses left), a 随时退 refund back to the wallet, a 不可退
/// voucher without a refund button, the SMS reminder switch, and a fixed-window deal's first and last day. Only
/// displays and actions no validity rule restricts (buying, refunding) are used, so the journeys pass at any hour and
/// on any weekday. Screenshots under TestResults/screenshots/consumer-vouchers.
/// </summary>
public sealed partial class ConsumerVoucherBrowserTests(ITestOutputHelper output) : DemoJourney(output, "consumer-vouchers")
{
    // Demo deals (Operations/DemoData.cs) chosen for their rules and refund policy.
    private const string WeekdayDeal = "四人鸳鸯锅套餐"; // 随时退; weekends and holidays off, 10:00–22:00, 2 per table
    private const string LateNightDeal = "毛肚拼盘代金券"; // 不可退; 17:00–次日02:00, 4 per table
    private const string GymCard = "10次健身卡"; // 随时退; booking required; 10 uses

    [Fact]
    public async Task A_consumer_reads_the_rules_before_paying_and_finds_them_on_my_vouchers_with_refunds_and_reminders()
    {
        await JourneyAsync(async () =>
        {
            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer@demo.localloop");

            // 1. Before paying: the rules and the refund policy, plainly on the deal page.
            await OpenDealAsync(consumer, "food", WeekdayDeal);
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync("周末、法定节假日不可用");
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync("10:00–22:00 可用");
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync("每桌限用 2 张");
            await Expect(consumer.Locator("#refund-policy")).ToContainTextAsync("随时退 · 过期自动退");
            await Expect(consumer.Locator("#refund-policy")).ToContainTextAsync("未使用的券随时可申请退款");
            await ShotAsync(consumer, "deal-weekday-rules");
            // Valid until the end of the 60th Shanghai day after today, on the order page as on My vouchers.
            var lastDay = ShanghaiToday().AddDays(await ValidityDaysAsync(consumer)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await BuyWithWalletAsync(consumer);
            await Expect(consumer.Locator(".voucher-codes")).ToContainTextAsync($"有效期至 {lastDay}");
            await ShotAsync(consumer, "order-paid");

            await OpenDealAsync(consumer, "food", LateNightDeal);
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync("17:00–次日02:00 可用");
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync("每桌限用 4 张");
            await Expect(consumer.Locator("#refund-policy")).ToContainTextAsync("不可退");
            await Expect(consumer.Locator("#refund-policy")).ToContainTextAsync("购买后不能退款");
            await ShotAsync(consumer, "deal-late-night-no-refund");
            await BuyWithWalletAsync(consumer);

            await OpenDealAsync(consumer, "fitness", GymCard);
            await Expect(consumer.Locator("#card-size")).ToContainTextAsync(new Regex(@"10 次卡 · 每次 ¥\d+\.\d\d"));
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync("需预约");
            await Expect(consumer.Locator("#refund-policy")).ToContainTextAsync("随时退");
            await ShotAsync(consumer, "deal-card-size");
            await BuyWithWalletAsync(consumer);

            // 2. My vouchers: QR code, dates in Shanghai time, the rules bought with, the refund policy, a card's uses left.
            await consumer.GotoAsync("/me/vouchers");
            var weekday = VoucherOf(consumer, WeekdayDeal);
            var lateNight = VoucherOf(consumer, LateNightDeal);
            var card = VoucherOf(consumer, GymCard);
            foreach (var voucher in new[] { weekday, lateNight, card })
            {
                await Expect(voucher).ToHaveCountAsync(1);
                await Expect(voucher.Locator("figure.qr svg")).ToBeVisibleAsync();
                await Expect(voucher).ToContainTextAsync("未使用");
            }

            await Expect(weekday).ToContainTextAsync($"{lastDay} 23:59");
            await Expect(weekday.Locator(".voucher-rules")).ToContainTextAsync("周末、法定节假日不可用");
            await Expect(weekday.Locator(".voucher-rules")).ToContainTextAsync("10:00–22:00 可用");
            await Expect(weekday.Locator(".refund-policy")).ToContainTextAsync("随时退");
            await Expect(lateNight.Locator(".voucher-rules")).ToContainTextAsync("17:00–次日02:00 可用");
            await Expect(card.Locator("[data-uses-left]")).ToHaveTextAsync("剩余 10/10 次");
            await Expect(card.Locator(".voucher-rules")).ToContainTextAsync("需预约");
            await ShotAsync(consumer, "my-vouchers");

            // 3. A 不可退 voucher has no refund button and says why.
            await Expect(lateNight.Locator("details.refund")).ToHaveCountAsync(0);
            await Expect(lateNight.Locator(".refund-policy")).ToContainTextAsync("不可退");
            await Expect(lateNight.Locator(".refund-policy")).ToContainTextAsync("购买后不能退款，过期未使用也不退款。");

            // Refunding the 随时退 voucher puts exactly its value back in the wallet.
            var value = FenOf(await weekday.Locator(".card-meta strong").First.InnerTextAsync());
            await consumer.GotoAsync("/me/wallet");
            var balanceBefore = FenOf(await consumer.Locator(".kpi-value").First.InnerTextAsync());
            await consumer.GotoAsync("/me/vouchers");
            await weekday.Locator("details.refund summary").ClickAsync();
            await ShotAsync(consumer, "refund-confirm");
            await weekday.Locator("form[action*='handler=Refund'] button").ClickAsync();
            await Expect(consumer.Locator(".alert-success")).ToContainTextAsync("已退回你的钱包");
            await Expect(weekday).ToContainTextAsync("已退款");
            await Expect(weekday.Locator("details.refund")).ToHaveCountAsync(0);
            await Expect(weekday.Locator("figure.qr")).ToHaveCountAsync(0);
            await ShotAsync(consumer, "refunded");
            await consumer.GotoAsync("/me/wallet");
            var balanceAfter = FenOf(await consumer.Locator(".kpi-value").First.InnerTextAsync());
            (balanceAfter - balanceBefore).ShouldBe(value);
            await ShotAsync(consumer, "wallet-after-refund");

            // The SMS reminders switch stays off after a reload.
            await consumer.GotoAsync("/me/reminders");
            var sms = consumer.Locator("input[name='sms']");
            await Expect(sms).ToBeCheckedAsync();
            await sms.UncheckAsync();
            await consumer.Locator("main form button[type=submit]").ClickAsync();
            await Expect(consumer.Locator(".alert-success")).ToBeVisibleAsync();
            await consumer.GotoAsync("/me/reminders");
            await Expect(sms).Not.ToBeCheckedAsync();
            await Expect(consumer.Locator("input[name='email']")).ToBeCheckedAsync();
            await ShotAsync(consumer, "reminders-sms-off");

            // 4. The same page in English, through the language switch.
            await consumer.GotoAsync("/me/vouchers");
            await consumer.Locator("a.topbar-lang").ClickAsync();
            await Expect(consumer.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(consumer.Locator("h1")).ToHaveTextAsync("My vouchers");
            await Expect(lateNight.Locator(".voucher-rules")).ToContainTextAsync("Usable 17:00–02:00 (next day)");
            await Expect(lateNight.Locator(".voucher-rules")).ToContainTextAsync("At most 4 per table/visit");
            await Expect(lateNight.Locator(".refund-policy")).ToContainTextAsync("Non-refundable");
            await Expect(card.Locator("[data-uses-left]")).ToHaveTextAsync("10 of 10 uses left");
            await Expect(card.Locator(".voucher-rules")).ToContainTextAsync("Booking required");
            await Expect(card.Locator(".refund-policy")).ToContainTextAsync("Refund any time");
            await Expect(weekday).ToContainTextAsync("Refunded");
            await Expect(consumer.Locator("main")).Not.ToContainTextAsync(TextKey());
            await ShotAsync(consumer, "my-vouchers-english");

            // The English deal page, wallet and reminder settings: rules, movements and the choice made in Chinese.
            await weekday.Locator("a.card-title").ClickAsync();
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync("Not usable on weekends or public holidays");
            await Expect(consumer.Locator("#refund-policy")).ToContainTextAsync("Refund an unused voucher at any time");
            await ShotAsync(consumer, "deal-english");
            foreach (var page in new[] { "/me/wallet", "/me/reminders" })
            {
                await consumer.GotoAsync(page);
                await Expect(consumer.Locator("main")).Not.ToContainTextAsync(TextKey());
            }

            await Expect(consumer.Locator("label", new() { Has = sms })).ToContainTextAsync("SMS reminders");
            await Expect(sms).Not.ToBeCheckedAsync();
            await ShotAsync(consumer, "reminders-english");
        });
    }

    [Fact]
    public async Task A_voucher_of_a_fixed_window_deal_shows_from_when_until_when_in_shanghai_time()
    {
        var title = $"跨年双人餐 {Guid.NewGuid().ToString("N")[..6]}";
        var firstDay = ShanghaiToday().AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lastDay = ShanghaiToday().AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await JourneyAsync(async () =>
        {
            // The demo owner sells a deal usable only from 10 to 20 days ahead; the reviewer approves it.
            var owner = await NewPersonAsync(mobile: false);
            await SignInAsync(owner, "owner@demo.localloop");
            await owner.GotoAsync("/merchant/deals/new");
            await owner.FillAsync("[name='Input.Title']", title);
            await owner.FillAsync("[name='Input.Contents']", "双人套餐 · 固定日期使用");
            await owner.SelectOptionAsync("[name='Input.Category']", "food");
            await owner.FillAsync("[name='Input.Price']", "88.00");
            await owner.FillAsync("[name='Input.OriginalPrice']", "128.00");
            await owner.CheckAsync("[name='Input.Validity'][value='window']");
            await owner.FillAsync("[name='Input.ValidFrom']", firstDay);
            await owner.FillAsync("[name='Input.ValidUntil']", lastDay);
            await owner.Locator("[name='Input.StoreIds']").First.CheckAsync();
            await owner.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(owner.Locator("main")).ToContainTextAsync(title);
            var reviewer = await NewPersonAsync(mobile: false);
            await SignInAsync(reviewer, "reviewer@demo.localloop");
            await reviewer.GotoAsync("/admin/deals");
            await reviewer.Locator("[id^='deal-']", new() { HasText = title }).Locator("form[action*='handler=Approve'] button").ClickAsync();
            await Expect(reviewer.Locator("[id^='deal-']", new() { HasText = title })).ToHaveCountAsync(0);

            // The consumer reads the dates before paying, on the order and on My vouchers.
            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer2@demo.localloop");
            await OpenDealAsync(consumer, "food", title);
            await Expect(consumer.Locator("#deal-rules")).ToContainTextAsync($"有效期 {firstDay} 至 {lastDay}");
            await ShotAsync(consumer, "fixed-window-deal");
            await BuyWithWalletAsync(consumer);
            await Expect(consumer.Locator(".voucher-codes")).ToContainTextAsync($"有效期至 {lastDay}");
            await consumer.GotoAsync("/me/vouchers");
            var voucher = VoucherOf(consumer, title);
            await Expect(voucher).ToContainTextAsync($"有效期 {firstDay} 00:00 至 {lastDay} 23:59");
            // This consumer's demo history makes the whole page very long: the voucher alone.
            await voucher.ScreenshotAsync(new() { Path = Path.Combine(Shots, "fixed-window-my-voucher.png") });
        });
    }

    private static DateOnly ShanghaiToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static async Task OpenDealAsync(IPage consumer, string category, string title)
    {
        await consumer.GotoAsync($"/?lat=31.2304&lng=121.4737&category={category}");
        await consumer.Locator("a.deal-card", new() { HasText = title }).First.ClickAsync();
        await Expect(consumer.Locator("h1")).ToHaveTextAsync(title);
    }

    /// <summary>The N of "购买后 N 天内有效" on the deal page.</summary>
    private static async Task<int> ValidityDaysAsync(IPage consumer)
    {
        var line = await consumer.Locator("#deal-rules li", new() { HasText = "天内到店使用" }).InnerTextAsync();
        return int.Parse(Number().Match(line).Value, CultureInfo.InvariantCulture);
    }

    private static async Task BuyWithWalletAsync(IPage consumer)
    {
        await consumer.FillAsync("[name='Input.Quantity']", "1");
        await consumer.CheckAsync("[name='Input.Method'][value='wallet']");
        await consumer.Locator("main form button[type=submit]").Last.ClickAsync();
        await consumer.WaitForURLAsync(new Regex("/orders/"));
        await Expect(consumer.Locator(".voucher-codes .code")).ToHaveCountAsync(1);
    }

    private static ILocator VoucherOf(IPage consumer, string dealTitle) =>
        consumer.Locator("article.voucher").Filter(new() { Has = consumer.Locator("a.card-title", new() { HasText = dealTitle }) });

    /// <summary>"¥1234.50" as fen.</summary>
    private static long FenOf(string money) => (long)(decimal.Parse(money.Trim().TrimStart('¥', '+', '−'), CultureInfo.InvariantCulture) * 100);

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    /// <summary>A text key shown instead of its text ("consumer.vouchers.refund").</summary>
    [GeneratedRegex(@"\b(consumer|rules|cards|messaging|common|vouchers)\.[a-z]+\.[A-Za-z.]+")]
    private static partial Regex TextKey();
}
