using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// A consumer on a phone searches the demo data from the home page: a Chinese keyword, a category, open now, then opens
/// a store. Open now depends on the hour (demo restaurants close between lunch and dinner), so the journey checks that
/// whatever is left is open, or that the empty state explains. Screenshots under TestResults/screenshots/search.
/// </summary>
public sealed class SearchBrowserTests(ITestOutputHelper output) : DemoJourney(output, "search")
{
    [Fact]
    public async Task A_consumer_searches_hotpot_filters_by_category_and_open_now_and_opens_a_store()
    {
        await JourneyAsync(async () =>
        {
            var consumer = await NewPersonAsync(mobile: true);
            await consumer.GotoAsync("/");
            await consumer.FillAsync("#q", "火锅");
            await consumer.Locator("#store-search button[type=submit]").ClickAsync();
            await consumer.WaitForURLAsync(new Regex("q=%E7%81%AB%E9%94%85"));
            var hotpot = consumer.Locator("a.store-card", new() { HasText = "重庆老火锅" });
            await Expect(hotpot.First).ToContainTextAsync(new Regex("(米|公里)"));
            await Expect(consumer.Locator("a.store-card", new() { HasText = "便利店" })).ToHaveCountAsync(0);
            await Expect(consumer.Locator("#search-count")).ToContainTextAsync("火锅");
            await ShotAsync(consumer, "search-hotpot");

            await consumer.Locator("nav.chips a", new() { HasText = "美食" }).First.ClickAsync();
            await consumer.WaitForURLAsync(new Regex("category=food"));
            await Expect(consumer.Locator("nav.subcategory-chips")).ToContainTextAsync("火锅");
            await Expect(hotpot.First).ToBeVisibleAsync();
            await ShotAsync(consumer, "search-hotpot-food");

            await consumer.CheckAsync("#open-now");
            await consumer.WaitForURLAsync(new Regex("openNow=true"));
            // Which demo stores are open depends on the hour (lunch and dinner service, late-night stores): every card
            // left must say 营业中, and when none is open the empty state says why.
            var openCards = consumer.Locator("a.store-card");
            if (await openCards.CountAsync() > 0)
            {
                var badges = await consumer.Locator("a.store-card .open-badge").AllTextContentsAsync();
                Assert.Equal(await openCards.CountAsync(), badges.Count);
                Assert.All(badges, badge => Assert.Equal("营业中", badge.Trim()));
            }
            else
            {
                await Expect(consumer.Locator("#search-empty")).ToBeVisibleAsync();
            }

            await ShotAsync(consumer, "search-open-now");

            await consumer.GoBackAsync();
            await consumer.WaitForURLAsync(url => !url.Contains("openNow=true"));
            await hotpot.First.ClickAsync();
            await consumer.WaitForURLAsync(new Regex("/stores/"));
            await Expect(consumer.Locator("h1")).ToContainTextAsync("重庆老火锅");
            await Expect(consumer.Locator("#open-state")).ToContainTextAsync(new Regex("(营业中|休息中)"));
            await ShotAsync(consumer, "search-store");

            await consumer.GotoAsync("/?mode=stores&q=%E5%92%96%E5%95%A1%E9%BB%91%E6%B4%9E");
            await Expect(consumer.Locator("#search-empty")).ToContainTextAsync("咖啡黑洞");
            await ShotAsync(consumer, "search-empty");
        });
    }
}
