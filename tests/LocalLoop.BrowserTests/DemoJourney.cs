using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// What every browser journey starts from: the real app on its own copy of the demo database, one Chromium, numbered
/// full-page screenshots under TestResults/screenshots/<paramref name="screenshots"/>, and the app's output in the
/// test log when a journey fails.
/// </summary>
public abstract class DemoJourney(ITestOutputHelper output, string screenshots) : IAsyncLifetime
{
    /// <summary>The password of every demo account.</summary>
    public const string DemoPassword = "Demo123!";

    private readonly List<Browser> _moreBrowsers = [];
    private int _step;

    protected RunningApp App { get; private set; } = null!;

    protected Browser Browser { get; private set; } = null!;

    protected string Shots { get; } = Path.Combine(RunningApp.RepositoryRoot(), "TestResults", "screenshots", screenshots);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Shots);
        App = await RunningApp.StartAsync();
        Browser = await Browser.LaunchAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var browser in _moreBrowsers)
        {
            await browser.DisposeAsync();
        }

        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>Runs the journey; if it fails, the app's own log goes to the test output to show why.</summary>
    protected async Task JourneyAsync(Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            output.WriteLine(App.Output);
            throw;
        }
    }

    /// <summary>Another Chromium with more switches (e.g. a fake camera), closed with the journey.</summary>
    protected async Task<Browser> LaunchBrowserAsync(params string[] extraArgs)
    {
        var browser = await Browser.LaunchAsync(extraArgs);
        _moreBrowsers.Add(browser);
        return browser;
    }

    protected Task<IPage> NewPersonAsync(bool mobile) => Browser.NewPersonAsync(App.BaseUrl, mobile);

    protected async Task ShotAsync(IPage page, string name)
    {
        _step++;
        await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{_step:D2}-{name}.png"), FullPage = true });
    }

    protected static async Task SignInAsync(IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("[name='Input.Email']", email);
        await page.FillAsync("[name='Input.Password']", password);
        await page.Locator("main form button[type=submit]").Last.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
