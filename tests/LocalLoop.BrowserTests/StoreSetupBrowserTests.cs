using System.Globalization;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The demo owner sets a store's weekly hours and a holiday in the browser; a consumer on a phone opens the store page
/// and sees it open with today's hours and the coming holiday, then closed once the owner closes today. The home page
/// shows the demo banner ads. Screenshots go to TestResults/screenshots/stores.
/// </summary>
public sealed class StoreSetupBrowserTests(ITestOutputHelper output) : DemoJourney(output, "stores")
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public Task The_owner_sets_hours_and_a_holiday_and_the_consumer_sees_open_and_closed() => JourneyAsync(async () =>
    {
        var owner = await NewPersonAsync(mobile: false);
        await SignInAsync(owner, "owner@demo.localloop");
        await owner.GotoAsync("/merchant/stores");
        var setupLink = owner.Locator("table a[href^='/merchant/stores/']").First;
        var storePath = await setupLink.GetAttributeAsync("href");
        var storeId = storePath!["/merchant/stores/".Length..];
        await setupLink.ClickAsync();
        await Expect(owner.Locator("#week-form")).ToBeVisibleAsync();

        // Open around the clock every day but Monday, which has lunch and dinner.
        foreach (var day in new[] { "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" })
        {
            await owner.FillAsync($"#week-{day}", "00:00-00:00");
        }

        await owner.FillAsync("#week-Monday", "11:00-14:00, 17:00-23:30");
        await owner.Locator("#week-form button[type=submit]").ClickAsync();
        await Expect(owner.Locator(".alert-success")).ToBeVisibleAsync();

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);
        var holiday = today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await owner.FillAsync("#Exception_Date", holiday);
        await owner.FillAsync("#Exception_Note", "春节 Spring Festival");
        await owner.Locator("#exception-form button[type=submit]").ClickAsync();
        await Expect(owner.Locator("#exception-list")).ToContainTextAsync(holiday);
        await ShotAsync(owner, "owner-store-hours");

        // Any day but Monday the store is open around the clock.
        var consumer = await NewPersonAsync(mobile: true);
        await consumer.GotoAsync($"/stores/{storeId}?city=shanghai");
        var openNow = today.DayOfWeek != DayOfWeek.Monday;
        if (openNow)
        {
            await Expect(consumer.Locator("#open-state [data-open='true']")).ToHaveTextAsync("营业中");
            await Expect(consumer.Locator("#today-hours")).ToHaveTextAsync("00:00–00:00");
        }

        await Expect(consumer.Locator("#upcoming-exceptions")).ToContainTextAsync("春节");
        await Expect(consumer.Locator("#store-distance")).ToBeVisibleAsync();
        await consumer.Locator("details summary").ClickAsync();
        await Expect(consumer.Locator("#week-hours")).ToContainTextAsync("11:00–14:00, 17:00–23:30");
        await ShotAsync(consumer, "consumer-store-open");

        // The owner closes today: the consumer's page says closed and when it opens next.
        await owner.FillAsync("#Exception_Date", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await owner.FillAsync("#Exception_Note", "临时店休");
        await owner.Locator("#exception-form button[type=submit]").ClickAsync();
        await Expect(owner.Locator("#exception-list")).ToContainTextAsync("临时店休");

        await consumer.ReloadAsync();
        if (openNow)
        {
            await Expect(consumer.Locator("#open-state [data-open='false']")).ToHaveTextAsync("休息中");
            await Expect(consumer.Locator("#open-state")).ToContainTextAsync("开门");
        }

        await Expect(consumer.Locator("#today-hours")).ToHaveTextAsync("全天休息");
        await ShotAsync(consumer, "consumer-store-closed");

        await consumer.GotoAsync("/");
        await Expect(consumer.Locator("#home-banner .ad-card").First).ToBeVisibleAsync();
        await ShotAsync(consumer, "consumer-home-banner");
    });
}
