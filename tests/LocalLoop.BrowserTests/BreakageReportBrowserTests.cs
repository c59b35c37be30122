using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The demo merchant's owner opens the breakage report on the demo app: the stacked chart, the duration histogram and
/// the figures render from the two weeks of demo history (some used, some refunded, some expired). Screenshots go to
/// TestResults/screenshots/breakage.
/// </summary>
public sealed partial class BreakageReportBrowserTests : IAsyncLifetime
{
    private RunningApp _app = null!;
    private Browser _browser = null!;
    private readonly string _shots = Path.Combine(RunningApp.RepositoryRoot(), "TestResults", "screenshots", "breakage");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_shots);
        _app = await RunningApp.StartAsync();
        _browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_owner_sees_the_breakage_chart_and_figures_of_the_demo_history()
    {
        var owner = await _browser.NewPersonAsync(_app.BaseUrl, mobile: false);
        await owner.GotoAsync("/account/login");
        await owner.FillAsync("[name='Input.Email']", "owner@demo.localloop");
        await owner.FillAsync("[name='Input.Password']", "Demo123!");
        await owner.Locator("main form button[type=submit]").Last.ClickAsync();
        await owner.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await owner.GotoAsync("/merchant");
        await owner.Locator(".console-nav a[href='/merchant/reports/breakage']").ClickAsync();
        await Assertions.Expect(owner.Locator("h1")).ToHaveTextAsync("核销与过期报表");
        await Assertions.Expect(owner.Locator("#breakage-chart svg rect.bar-success").First).ToBeVisibleAsync();
        await Assertions.Expect(owner.Locator("#duration-chart svg rect.bar").First).ToBeVisibleAsync();

        var sold = int.Parse(await owner.Locator("[data-kpi='sold'] .kpi-value").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(sold > 0, "the demo history sold vouchers");
        foreach (var kpi in new[] { "verified", "refunded-on-request", "refunded-at-expiry", "expired-unused" })
        {
            var value = int.Parse(await owner.Locator($"[data-kpi='{kpi}'] .kpi-value").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(value > 0, $"the demo history has {kpi} vouchers");
        }

        await Assertions.Expect(owner.Locator("[data-kpi='rate'] .kpi-value")).ToHaveTextAsync(Percent());
        await Assertions.Expect(owner.Locator("#breakage-table tbody tr")).ToHaveCountAsync(4);
        await owner.ScreenshotAsync(new() { Path = Path.Combine(_shots, "01-owner-breakage-zh.png"), FullPage = true });

        await owner.GotoAsync("/lang/en?returnUrl=/merchant/reports/breakage");
        await Assertions.Expect(owner.Locator("h1")).ToHaveTextAsync("Breakage report");
        await Assertions.Expect(owner.Locator("#breakage-chart .chart-legend")).ToContainTextAsync("Expired unused");
        await owner.ScreenshotAsync(new() { Path = Path.Combine(_shots, "02-owner-breakage-en.png"), FullPage = true });
    }

    [GeneratedRegex(@"^\d{1,3}\.\d%$")]
    private static partial Regex Percent();
}
