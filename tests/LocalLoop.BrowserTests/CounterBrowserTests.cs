using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The clerk's counter in Chromium on the demo data: a consumer buys three vouchers; the clerk scans one with the
/// camera (a fake camera playing a video of the voucher's QR code), sees what it is for and confirms it; looks up
/// the consumer's phone and verifies two at once; a wrong code shows why; and once the owner assigns the clerk to
/// one store, the clerk's store picker offers only that one. Screenshots go to
/// TestResults/screenshots/counter.
/// </summary>
public sealed class CounterBrowserTests(ITestOutputHelper output) : DemoJourney(output, "counter")
{
    private const string DealTitle = "双人麻辣火锅套餐"; // the first demo merchant's, honoured at both its stores
    private string? _video;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_video is not null)
        {
            File.Delete(_video);
        }
    }

    [Fact]
    public async Task A_clerk_scans_a_voucher_with_the_camera_verifies_two_by_phone_and_sees_why_a_wrong_code_fails()
    {
        await JourneyAsync(async () =>
        {
            // A consumer on a phone buys three vouchers from the wallet.
            var consumer = await NewPersonAsync(mobile: true);
            await SignInAsync(consumer, "consumer@demo.localloop");
            await consumer.GotoAsync("/?lat=31.2304&lng=121.4737&category=food");
            await consumer.Locator("a.deal-card", new() { HasText = DealTitle }).First.ClickAsync();
            await consumer.FillAsync("[name='Input.Quantity']", "3");
            await consumer.CheckAsync("[name='Input.Method'][value='wallet']");
            await consumer.Locator("main form button[type=submit]").Last.ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/orders/"));
            var codes = consumer.Locator(".voucher-codes .code");
            await Expect(codes).ToHaveCountAsync(3);
            var code = Regex.Replace(await codes.First.InnerTextAsync(), "[^0-9]", "");
            Assert.Equal(12, code.Length);
            await ShotAsync(consumer, "consumer-bought-three");

            // The clerk's browser has a camera that sees the voucher's QR code.
            _video = FakeCamera.WriteQrVideo(code, Path.GetTempPath());
            var counter = await LaunchBrowserAsync("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={_video}");
            var clerk = await counter.NewPersonAsync(App.BaseUrl, mobile: true);
            await clerk.Context.GrantPermissionsAsync(["camera"], new() { Origin = App.BaseUrl });
            await SignInAsync(clerk, "clerk@demo.localloop");
            await clerk.GotoAsync("/merchant/verify");
            await ShotAsync(clerk, "counter-idle");

            // (a) Scan → preview → confirm.
            await clerk.ClickAsync("[data-qr-start]");
            var preview = clerk.Locator(".verify-result-preview");
            await Expect(preview).ToContainTextAsync(DealTitle, new() { Timeout = 30_000 });
            await Expect(preview).ToContainTextAsync(code[..4] + " " + code[4..8] + " " + code[8..]);
            await Expect(preview).ToContainTextAsync("随时退");
            await ShotAsync(clerk, "scanned-preview");
            await clerk.ClickAsync("#confirm-verify");
            await Expect(clerk.Locator(".verify-result-ok")).ToContainTextAsync(DealTitle);
            await ShotAsync(clerk, "scanned-verified");

            // Scanning the same voucher again: the preview says it was used, and Confirm is disabled.
            await clerk.ClickAsync("[data-qr-start]");
            await Expect(clerk.Locator(".verify-result-fail")).ToContainTextAsync("不能重复使用", new() { Timeout = 30_000 });
            await Expect(clerk.Locator("#confirm-verify")).ToBeDisabledAsync();
            await ShotAsync(clerk, "scanned-again-used");

            // (b) Phone lookup → pick two → verify both at once.
            await clerk.GotoAsync("/merchant/verify?mode=phone");
            await clerk.FillAsync("#phone", "138 0013 8000");
            await clerk.Locator("main form button[type=submit]").First.ClickAsync();
            var usable = clerk.Locator(".counter-voucher", new() { HasText = DealTitle }).Locator("input[type=checkbox]:enabled");
            await Expect(usable.Nth(1)).ToBeVisibleAsync(); // the three just bought, less the scanned one, and any older ones
            await usable.Nth(0).CheckAsync();
            await usable.Nth(1).CheckAsync();
            await ShotAsync(clerk, "phone-two-picked");
            await clerk.Locator("form.counter-vouchers button[type=submit]").ClickAsync();
            await Expect(clerk.Locator(".verify-result-ok")).ToContainTextAsync("2");
            await Expect(clerk.Locator(".verify-result-ok .counter-results li")).ToHaveCountAsync(2);
            await ShotAsync(clerk, "phone-two-verified");

            // (c) A wrong code: the preview says why, nothing to confirm.
            await clerk.GotoAsync("/merchant/verify");
            await clerk.FillAsync("[name='Code']", "0000 1111 2222");
            await clerk.Locator("main form button[type=submit]").First.ClickAsync();
            await Expect(clerk.Locator(".verify-result-fail")).ToContainTextAsync("本商家没有这个券码");
            await Expect(clerk.Locator("#confirm-verify")).ToHaveCountAsync(0);
            await ShotAsync(clerk, "wrong-code");

            // (d) The owner assigns the clerk to one store: the clerk's store picker lists only that one.
            var owner = await NewPersonAsync(mobile: false);
            await SignInAsync(owner, "owner@demo.localloop");
            await owner.GotoAsync("/merchant/staff");
            var clerkStores = owner.Locator("[data-staff-stores='clerk@demo.localloop']");
            await Expect(clerkStores).ToContainTextAsync("全部门店");
            await clerkStores.Locator("summary").ClickAsync();
            var firstStore = clerkStores.Locator("label.check").First;
            var storeName = (await firstStore.InnerTextAsync()).Trim();
            await firstStore.Locator("input").CheckAsync();
            await clerkStores.Locator("button[type=submit]").ClickAsync();
            await Expect(owner.Locator(".alert-success")).ToBeVisibleAsync();
            await Expect(owner.Locator("[data-staff-stores='clerk@demo.localloop'] > span")).ToHaveTextAsync(storeName);
            await ShotAsync(owner, "owner-assigned-store");
            await clerk.GotoAsync("/merchant/verify");
            await Expect(clerk.Locator("select[name='StoreId'] option")).ToHaveCountAsync(1);
            await Expect(clerk.Locator("select[name='StoreId'] option")).ToHaveTextAsync(storeName);
        });
    }
}
