using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// On a narrow phone (360×740) the pages a consumer uses most fit the screen in Chinese and in English, signed in (the
/// fullest top bar): nothing is wider than the viewport, so the page never scrolls sideways. Screenshots under
/// TestResults/screenshots/phone-layout.
/// </summary>
public sealed class PhoneLayoutBrowserTests(ITestOutputHelper output) : DemoJourney(output, "phone-layout")
{
    [Fact]
    public async Task Home_deal_and_my_vouchers_fit_a_360_px_phone_in_both_languages()
    {
        await JourneyAsync(async () =>
        {
            var consumer = await NewPersonAsync(mobile: true);
            await consumer.SetViewportSizeAsync(360, 740);
            // The demo regular: a longer name, and a few dozen vouchers, so My vouchers shows QR codes and its pager.
            await SignInAsync(consumer, "consumer2@demo.localloop");
            await consumer.GotoAsync("/?lat=31.2304&lng=121.4737&category=food");
            var dealUrl = await consumer.Locator("a.deal-card").First.GetAttributeAsync("href");
            Assert.NotNull(dealUrl);

            foreach (var language in new[] { "zh", "en" })
            {
                if (language == "en")
                {
                    await consumer.GotoAsync("/lang/en?returnUrl=/");
                }

                foreach (var (name, url) in new[] { ("home", "/?lat=31.2304&lng=121.4737"), ("deal", dealUrl!), ("my-vouchers", "/me/vouchers") })
                {
                    await consumer.GotoAsync(url);
                    await Expect(consumer.Locator("header.topbar")).ToBeVisibleAsync();
                    if (name == "my-vouchers")
                    {
                        await Expect(consumer.Locator("nav.pagination")).ToBeVisibleAsync();
                    }

                    var (scrollWidth, innerWidth) = await WidthsAsync(consumer);
                    Assert.True(scrollWidth <= innerWidth, $"{name} ({language}) is {scrollWidth} px wide in a {innerWidth} px viewport");
                    await ShotAsync(consumer, $"{name}-{language}");
                }
            }
        });
    }

    private static async Task<(int ScrollWidth, int InnerWidth)> WidthsAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }
}
