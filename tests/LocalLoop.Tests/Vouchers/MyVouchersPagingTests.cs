using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.Vouchers;

/// <summary>My vouchers (page and API) pages a consumer's vouchers: every voucher on exactly one page, newest first, other query values kept.</summary>
public sealed partial class MyVouchersPagingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task More_vouchers_than_a_page_are_shown_page_by_page_on_the_page_and_the_api(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_000);
        var consumer = await scenario.NewConsumerAsync(walletFen: 100_000);
        var first = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 20);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var newest = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 5);
        var all = first.Concat(newest).Select(v => v.Id).ToHashSet();
        all.Count.ShouldBe(25);

        // The page: 20 then 5, the newest order first, each voucher once; the pager says where we are.
        var page1 = await consumer.Client.GetStringAsync("/me/vouchers");
        var page2 = await consumer.Client.GetStringAsync("/me/vouchers?page=2&view=x");
        var onPage1 = VoucherIds(page1);
        var onPage2 = VoucherIds(page2);
        onPage1.Count.ShouldBe(VoucherQueries.MinePageSize);
        onPage2.Count.ShouldBe(5);
        onPage1.Concat(onPage2).ToHashSet().SetEquals(all).ShouldBeTrue("every voucher is on exactly one page");
        newest.All(v => onPage1.Contains(v.Id)).ShouldBeTrue("the newest vouchers come first");
        page1.Contains("第 1 / 2 页，共 25 张券", StringComparison.Ordinal).ShouldBeTrue();
        page1.Contains("href=\"/me/vouchers?page=2\"", StringComparison.Ordinal).ShouldBeTrue("page 1 links to page 2");
        page2.Contains("href=\"/me/vouchers?view=x\"", StringComparison.Ordinal).ShouldBeTrue("page 2 links back to page 1 keeping the other query values");
        // A page past the end shows the last one.
        VoucherIds(await consumer.Client.GetStringAsync("/me/vouchers?page=9")).ShouldBeEquivalentTo(onPage2);

        // The API: without ?page the whole list as before; with it one page and the totals in headers.
        (await Scenario.VouchersAsync(consumer)).Count.ShouldBe(25);
        var apiPage = await consumer.Client.GetAsync("/api/me/vouchers?page=3&pageSize=10");
        await apiPage.ShouldHaveStatusAsync(200);
        apiPage.Headers.GetValues("X-Total-Count").Single().ShouldBe("25");
        apiPage.Headers.GetValues("X-Page-Count").Single().ShouldBe("3");
        var third = (await apiPage.Content.ReadFromJsonAsync<List<VoucherView>>())!;
        third.Count.ShouldBe(5);
        var firstTwenty = (await consumer.Client.GetFromJsonAsync<List<VoucherView>>("/api/me/vouchers?page=1"))!;
        firstTwenty.Select(v => v.Id).Concat(third.Select(v => v.Id)).ToHashSet().SetEquals(all).ShouldBeTrue();
        (await consumer.Client.GetAsync("/api/me/vouchers?page=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await consumer.Client.GetAsync("/api/me/vouchers?page=1&pageSize=101")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await app.AssertLedgerBalancedAsync();
    }

    private static List<Guid> VoucherIds(string html) =>
        VoucherArticle().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"<article class=""card voucher[^""]*"" aria-labelledby=""v-([0-9a-f\-]{36})""")]
    private static partial Regex VoucherArticle();
}
