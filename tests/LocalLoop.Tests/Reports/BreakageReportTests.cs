using System.Globalization;
using System.Net.Http.Json;
using LocalLoop.Deals;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.Reports;

/// <summary>
/// The breakage report on a scenario with known numbers: sold 10, verified 6 (5 the same day, 1 two days later; at two
/// stores), refunded 1 on request and 1 at expiry, 1 expired unused under 不可退, 1 still open.
/// </summary>
public sealed class BreakageReportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_known_scenario_gives_exactly_its_figures_rates_and_durations(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_000, validityDays: 1, refundPolicy: "None", title: "不可退套餐");
        var anyTime = await AddDealAsync(app, merchant, "随时退套餐", 30, "AnyTime", merchant.HonouringStoreId, merchant.OtherStoreId);
        var expiryOnly = await AddDealAsync(app, merchant, "过期退套餐", 1, "ExpiryOnly", merchant.HonouringStoreId);
        var consumer = await scenario.NewConsumerAsync(walletFen: 100_000);

        var a = await Scenario.BuyWithWalletAsync(consumer, anyTime, 7);
        var b = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2);
        await Scenario.BuyWithWalletAsync(consumer, expiryOnly, 1);
        foreach (var (voucher, store) in new[] { (a[0], merchant.HonouringStoreId), (a[1], merchant.HonouringStoreId), (a[2], merchant.OtherStoreId), (a[3], merchant.OtherStoreId), (b[0], merchant.HonouringStoreId) })
        {
            await (await Scenario.VerifyAsync(merchant.Clerk, store, voucher.Code)).ShouldHaveStatusAsync(200);
        }

        await consumer.Client.PostAsync($"/api/me/vouchers/{a[4].Id}/refund", null).ShouldReturnAsync<RefundResult>();

        // Two days later: the one-day vouchers have expired; the job refunds the 过期退 one; a 随时退 voucher is used late.
        app.Clock.Advance(TimeSpan.FromDays(2));
        await ExpiryRefundClosedLoopTests.RunJobAsync(app);
        var clerk = await app.SignInAsync(merchant.ClerkEmail);
        await (await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, a[5].Code)).ShouldHaveStatusAsync(200);
        var owner = await app.SignInAsync(merchant.OwnerEmail);

        var report = await owner.GetFromJsonAsync<BreakageReportView>("/api/merchant/reports/breakage");
        var t = report!.Totals;
        (t.Sold, t.Verified, t.RefundedOnRequest, t.RefundedAtExpiry, t.ExpiredUnused, t.Open).ShouldBe((10, 6, 1, 1, 1, 1));
        Math.Round(t.RedemptionRate!.Value, 4).ShouldBe(Math.Round(6.0 / 9, 4), "verified ÷ (sold − refunded on request)");

        var byTitle = report.Deals.ToDictionary(d => d.DealTitle);
        report.Deals.Select(d => d.DealTitle).ShouldBeEquivalentTo(["随时退套餐", "不可退套餐", "过期退套餐"]);
        var f = byTitle["随时退套餐"].Figures;
        (f.Sold, f.Verified, f.RefundedOnRequest, f.RefundedAtExpiry, f.ExpiredUnused, f.Open).ShouldBe((7, 5, 1, 0, 0, 1));
        Math.Round(f.RedemptionRate!.Value, 4).ShouldBe(Math.Round(5.0 / 6, 4));
        byTitle["随时退套餐"].Stores.Select(s => (s.StoreId, s.Verified)).ShouldBeEquivalentTo([(merchant.HonouringStoreId, 3), (merchant.OtherStoreId, 2)]);
        f = byTitle["不可退套餐"].Figures;
        (f.Sold, f.Verified, f.RefundedOnRequest, f.RefundedAtExpiry, f.ExpiredUnused, f.Open).ShouldBe((2, 1, 0, 0, 1, 0));
        f.RedemptionRate.ShouldBe(0.5);
        f = byTitle["过期退套餐"].Figures;
        (f.Sold, f.Verified, f.RefundedAtExpiry, f.ExpiredUnused).ShouldBe((1, 0, 1, 0));
        f.RedemptionRate.ShouldBe(0.0);

        var durations = report.TimeToVerification;
        durations.Count.ShouldBe(6);
        durations.Buckets.Select(x => (x.Key, x.Count)).ShouldBeEquivalentTo([("sameDay", 5), ("1-3", 1), ("4-7", 0), ("8-30", 0), ("30+", 0)]);
        (durations.MedianHours < 1).ShouldBeTrue("most were used within the hour");
        durations.P90Hours.ShouldBe(48.0, "the late one sets the 90th percentile");

        // The page shows the same: both charts, the figures and the rate.
        var page = await owner.GetStringAsync("/merchant/reports/breakage");
        page.Contains("id=\"breakage-chart\"", StringComparison.Ordinal).ShouldBeTrue();
        page.Contains("id=\"duration-chart\"", StringComparison.Ordinal).ShouldBeTrue();
        page.Contains("66.7%", StringComparison.Ordinal).ShouldBeTrue("the redemption rate");
        page.Contains("随时退套餐 — 已核销: 5", StringComparison.Ordinal).ShouldBeTrue("the stacked bar's verified segment");

        // A period before anything was sold is empty; a bad date is refused in both languages.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date);
        var old = today.AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var empty = await owner.GetFromJsonAsync<BreakageReportView>($"/api/merchant/reports/breakage?from={old}&to={old}");
        (empty!.Deals.Count, empty.Totals.Sold).ShouldBe((0, 0));
        (await owner.GetAsync("/api/merchant/reports/breakage?from=2026-13-01").ShouldBeProblemAsync(400, "validation_failed")).Contains("start date", StringComparison.Ordinal).ShouldBeTrue();
        await owner.GetAsync($"/api/merchant/reports/breakage?from={today:yyyy-MM-dd}&to={old}").ShouldBeProblemAsync(400, "validation_failed");
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>Adds an approved deal to the merchant, honoured at the given stores.</summary>
    internal static async Task<Guid> AddDealAsync(TestApp app, MerchantSetup merchant, string title, int validityDays, string policy, params Guid[] stores)
    {
        var deal = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest(title, "内容", "food", merchant.PriceFen, merchant.PriceFen * 2, validityDays, [.. stores], policy)).ShouldReturnAsync<DealView>(201);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await (await reviewer.PostAsync($"/api/admin/deals/{deal.Id}/approve", null)).ShouldHaveStatusAsync(204);
        return deal.Id;
    }
}
