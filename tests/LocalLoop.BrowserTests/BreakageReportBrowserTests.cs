using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The demo merchant's owner opens the breakage report on the demo app: the stacked chart, the duration histogram and
/// the figures render from the two weeks of demo history (some used, some refunded, some expired). Screenshots go to
/// TestResults/screenshots/breakage.
/// </summary>
public sealed partial class BreakageReportBrowserTests(ITestOutputHelper output) : DemoJourney(output, "breakage")
{
    [Fact]
    public async Task The_owner_sees_the_breakage_chart_and_figures_of_the_demo_history()
    {
        var owner = await NewPersonAsync(mobile: false);
        await SignInAsync(owner, "owner@demo.localloop");

        await owner.GotoAsync("/merchant");
        await owner.Locator(".console-nav a[href='/merchant/reports/breakage']").ClickAsync();
        await Expect(owner.Locator("h1")).ToHaveTextAsync("核销与过期报表");
        await Expect(owner.Locator("#breakage-chart svg rect.bar-success").First).ToBeVisibleAsync();
        await Expect(owner.Locator("#duration-chart svg rect.bar").First).ToBeVisibleAsync();

        var sold = int.Parse(await owner.Locator("[data-kpi='sold'] .kpi-value").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(sold > 0, "the demo history sold vouchers");
        foreach (var kpi in new[] { "verified", "refunded-on-request", "refunded-at-expiry", "expired-unused" })
        {
            var value = int.Parse(await owner.Locator($"[data-kpi='{kpi}'] .kpi-value").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(value > 0, $"the demo history has {kpi} vouchers");
        }

        await Expect(owner.Locator("[data-kpi='rate'] .kpi-value")).ToHaveTextAsync(Percent());
        await Expect(owner.Locator("#breakage-table tbody tr")).ToHaveCountAsync(5);
        // The lunch card's uses and the codes consumed from the sandbox platform are part of the history.
        await Expect(owner.Locator("#breakage-table [data-card-uses]")).ToContainTextAsync("10");
        await Expect(owner.Locator("#external-codes-table tbody tr").First).ToBeVisibleAsync();
        var consumed = int.Parse(await owner.Locator("#external-codes-table tbody tr td.num").First.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(consumed > 0, "the demo history consumed external codes");
        await ShotAsync(owner, "owner-breakage-zh");

        await owner.GotoAsync("/lang/en?returnUrl=/merchant/reports/breakage");
        await Expect(owner.Locator("h1")).ToHaveTextAsync("Breakage report");
        await Expect(owner.Locator("#breakage-chart .chart-legend")).ToContainTextAsync("Expired unused");
        await ShotAsync(owner, "owner-breakage-en");
    }

    [GeneratedRegex(@"^\d{1,3}\.\d%$")]
    private static partial Regex Percent();
}
