using Microsoft.Playwright;

namespace LocalLoop.BrowserTests;

/// <summary>Debian's Chromium driven by Playwright (Playwright cannot download its own browser here).</summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    /// <param name="extraArgs">More Chromium switches, e.g. a fake camera for the counter's scanner.</param>
    public static async Task<Browser> LaunchAsync(params string[] extraArgs)
    {
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LOCALLOOP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", .. extraArgs],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh browser profile: one per person in the journey, so their sign-ins do not mix.</summary>
    public async Task<IPage> NewPersonAsync(string baseUrl, bool mobile)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = mobile ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(15_000);
        // A navigation waits for a whole page load, which on a 2-core CI machine running the integration tests beside
        // the journeys has taken longer than 15 s (a sign-in redirect followed by the console's first page).
        context.SetDefaultNavigationTimeout(45_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
