using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// 三方码 in Chromium on the demo city: the clerk opens the counter's "三方券码" tab, looks a sandbox code up, confirms,
/// reverses it; an expired code is explained; the owner reads 三方平台结算. Screenshots under TestResults/screenshots.
/// </summary>
public sealed class ExternalCodesBrowserTests(ITestOutputHelper output) : DemoJourney(output, "external-codes")
{
    [Fact]
    public async Task The_clerk_verifies_and_reverses_an_external_code_and_the_owner_sees_the_platforms_settlement()
    {
        var clerk = await NewPersonAsync(mobile: false);
        await SignInAsync(clerk, "clerk@demo.localloop");
        await clerk.GotoAsync("/merchant/verify");
        await clerk.Locator("nav.tabs a", new() { HasText = "三方券码" }).ClickAsync();
        await Expect(clerk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/merchant/verify/external$"));

        // An expired code: the platform's reason, in Chinese.
        await clerk.FillAsync("[name='Code']", "EXDEMA2348");
        await clerk.Locator("main form button[type=submit]", new() { HasText = "查询" }).ClickAsync();
        await Expect(clerk.Locator(".verify-result-fail")).ToContainTextAsync("券码已过期");
        await ShotAsync(clerk, "clerk-expired-code");

        // A usable one, typed in lower case with a space: what it is for, then confirm.
        await clerk.FillAsync("[name='Code']", "exdem a2346");
        await clerk.Locator("main form button[type=submit]", new() { HasText = "查询" }).ClickAsync();
        await Expect(clerk.Locator(".verify-outcome")).ToContainTextAsync("¥198.00");
        await ShotAsync(clerk, "clerk-code-found");
        await clerk.Locator("button", new() { HasText = "确认核销" }).ClickAsync();
        await Expect(clerk.Locator(".verify-result-ok")).ToContainTextAsync("三方券核销成功");
        await ShotAsync(clerk, "clerk-code-verified");

        // The same verification log as our own vouchers.
        await clerk.GotoAsync("/merchant/verify");
        await Expect(clerk.Locator("table")).ToContainTextAsync("EXDEMA2346");

        // 冲正 with a reason, back on the tab.
        await clerk.GotoAsync("/merchant/verify/external");
        var row = clerk.Locator("tbody tr", new() { HasText = "EXDEMA2346" });
        await row.Locator("summary", new() { HasText = "冲正" }).ClickAsync();
        await row.Locator("[name='reason']").FillAsync("顾客改用本店团购");
        await row.Locator("button[type=submit]").ClickAsync();
        await Expect(clerk.Locator(".verify-result-reversed")).ToContainTextAsync("已冲正");
        await ShotAsync(clerk, "clerk-code-reversed");

        // Verified again; the owner reads what the sandbox platform owes.
        await clerk.FillAsync("[name='Code']", "EXDEMA2346");
        await clerk.Locator("main form button[type=submit]", new() { HasText = "查询" }).ClickAsync();
        await clerk.Locator("button", new() { HasText = "确认核销" }).ClickAsync();
        await Expect(clerk.Locator(".verify-result-ok")).ToBeVisibleAsync();

        var owner = await NewPersonAsync(mobile: false);
        await SignInAsync(owner, "owner@demo.localloop");
        await owner.GotoAsync("/merchant");
        await owner.Locator("nav.console-nav a", new() { HasText = "三方平台" }).ClickAsync();
        var settlement = owner.Locator("section[aria-labelledby='settlement-title']");
        await Expect(settlement).ToContainTextAsync("沙箱券平台");
        // Today's row (the demo history's codes were consumed on earlier days).
        await Expect(settlement.Locator("tbody")).ToContainTextAsync("¥168.00");
        await ShotAsync(owner, "owner-settlement");
    }
}
