using System.Net.Http.Json;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>The breakage report: an owner sees only their own deals, a clerk is refused, reviewers and admins see every merchant (or one, by filter).</summary>
public sealed class BreakageTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_role_sees_what_it_may_of_the_breakage_report(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var mine = await scenario.NewMerchantAsync(priceFen: 1_000, title: "本店套餐");
        var theirs = await scenario.NewMerchantAsync(priceFen: 1_000, title: "别家套餐");
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000);
        await Scenario.BuyWithWalletAsync(consumer, mine.DealId, 2);
        await Scenario.BuyWithWalletAsync(consumer, theirs.DealId, 3);
        var theirShop = await VoucherPlatform.BindAsync(app, theirs);
        var theirCode = (await VoucherPlatform.SellAsync(app, theirShop, title: "别家三方券")).Single();
        await VoucherPlatform.ConsumeAsync(theirs.Clerk, theirs.HonouringStoreId, theirCode).ShouldReturnAsync<LocalLoop.ExternalCodes.ExternalConsumptionResult>();

        var own = await mine.Owner.GetFromJsonAsync<BreakageReportView>("/api/merchant/reports/breakage");
        own!.Deals.Select(d => d.DealId).ShouldBeEquivalentTo([mine.DealId]);
        own.Totals.Sold.ShouldBe(2);
        var page = await mine.Owner.GetStringAsync("/merchant/reports/breakage");
        page.Contains("本店套餐", StringComparison.Ordinal).ShouldBeTrue();
        page.Contains("别家套餐", StringComparison.Ordinal).ShouldBe(false, "another merchant's deal never shows");
        own.External.Count.ShouldBe(0, "another merchant's external consumptions never show");
        page.Contains("external-codes-table", StringComparison.Ordinal).ShouldBe(false);

        (await mine.Clerk.GetAsync("/api/merchant/reports/breakage")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await mine.Clerk.GetAsync("/merchant/reports/breakage")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await mine.Owner.GetAsync("/api/admin/reports/breakage")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await consumer.Client.GetAsync("/api/merchant/reports/breakage")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await app.Anonymous().GetAsync("/api/admin/reports/breakage")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);

        foreach (var email in new[] { TestApp.ReviewerEmail, TestApp.AdminEmail })
        {
            var operatorClient = await app.SignInAsync(email);
            var all = await operatorClient.GetFromJsonAsync<BreakageReportView>("/api/admin/reports/breakage");
            all!.Deals.Select(d => d.DealId).Intersect([mine.DealId, theirs.DealId]).Count().ShouldBe(2, "operators see every merchant");
            var one = await operatorClient.GetFromJsonAsync<BreakageReportView>($"/api/admin/reports/breakage?merchantId={theirs.MerchantId}");
            one!.Deals.Select(d => (d.DealId, d.Figures.Sold)).ShouldBeEquivalentTo([(theirs.DealId, 3)]);
            one.External.Select(e => (e.StoreId, e.Consumed)).ShouldBeEquivalentTo([(theirs.HonouringStoreId, 1)]);
            var adminPage = await operatorClient.GetStringAsync($"/admin/reports/breakage?merchantId={theirs.MerchantId}");
            (adminPage.Contains("别家套餐", StringComparison.Ordinal) && !adminPage.Contains("本店套餐</strong>", StringComparison.Ordinal)).ShouldBeTrue();
        }

        await app.AssertLedgerBalancedAsync();
    }
}
