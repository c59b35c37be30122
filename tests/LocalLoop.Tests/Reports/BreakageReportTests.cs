using System.Globalization;
using System.Net.Http.Json;
using LocalLoop.Deals;
using LocalLoop.ExternalCodes;
using LocalLoop.Ledger;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Reports;

/// <summary>
/// The breakage report on scenarios with known numbers: ordinary vouchers (sold 10, verified 6 (5 the same day, 1 two
/// days later; at two stores), refunded 1 on request and 1 at expiry, 1 expired unused under 不可退, 1 still open); cards
/// counted in uses and fen; external platform codes apart from our figures.
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

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Cards_count_in_uses_and_fen_and_the_dashboard_agrees(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_000, title: "单次套餐");
        var threeUses = await MultiUseClosedLoopTests.CardDealAsync(app, merchant, 10_000, uses: 3, refundPolicy: "AnyTime");
        var tenUses = await MultiUseClosedLoopTests.CardDealAsync(app, merchant, 9_999, uses: 10, refundPolicy: "AnyTime");
        var fiveUses = await MultiUseClosedLoopTests.CardDealAsync(app, merchant, 1_001, uses: 5, refundPolicy: "None", validityDays: 1);
        var consumer = await scenario.NewConsumerAsync(walletFen: 100_000);
        var full = (await Scenario.BuyWithWalletAsync(consumer, threeUses, 1)).Single();
        var partly = (await Scenario.BuyWithWalletAsync(consumer, tenUses, 1)).Single();
        var lapsed = (await Scenario.BuyWithWalletAsync(consumer, fiveUses, 1)).Single();
        var ordinary = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();

        async Task<VerificationResult> UseAsync(HttpClient clerk, string code) =>
            await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, code).ShouldReturnAsync<VerificationResult>();

        // 10-use card (¥99.99: nine uses of 10.00, the last 9.99): 4 uses, the 4th reversed, the other 7 refunded on request.
        var tenCardUses = new List<VerificationResult>();
        for (var i = 0; i < 4; i++)
        {
            tenCardUses.Add(await UseAsync(merchant.Clerk, partly.Code));
        }

        await ReversalClosedLoopTests.Reverse(merchant.Clerk, tenCardUses[3].AttemptId, "多核了一次 / verified twice").ShouldReturnAsync<ReversalResult>();
        await consumer.Client.PostAsync($"/api/me/vouchers/{partly.Id}/refund", null).ShouldReturnAsync<RefundResult>();
        // 3-use card (¥100.00: 33.34 + 33.33 + 33.33): two uses today, the last two days later.
        await UseAsync(merchant.Clerk, full.Code);
        await UseAsync(merchant.Clerk, full.Code);
        // 不可退 5-use card (¥10.01: 2.01 + 2.00 × 4), valid one day: two uses, then it expires with three left.
        await UseAsync(merchant.Clerk, lapsed.Code);
        await UseAsync(merchant.Clerk, lapsed.Code);
        await UseAsync(merchant.Clerk, ordinary.Code);

        app.Clock.Advance(TimeSpan.FromDays(2));
        var clerk = await app.SignInAsync(merchant.ClerkEmail);
        await UseAsync(clerk, full.Code);
        var owner = await app.SignInAsync(merchant.OwnerEmail);
        var report = (await owner.GetFromJsonAsync<BreakageReportView>("/api/merchant/reports/breakage"))!;

        var byDeal = report.Deals.ToDictionary(d => d.DealId);
        report.Deals.Select(d => d.DealId).ShouldBeEquivalentTo([tenUses, fiveUses, threeUses, merchant.DealId]);
        var ten = byDeal[tenUses];
        (ten.UsesPerVoucher, ten.Figures.Sold, ten.Figures.Verified, ten.Figures.RefundedOnRequest).ShouldBe((10, 1, 0, 1));
        (ten.Uses.Sold, ten.Uses.Verified, ten.Uses.RefundedOnRequest, ten.Uses.RefundedAtExpiry, ten.Uses.ExpiredUnused, ten.Uses.Open).ShouldBe((10, 3, 7, 0, 0, 0));
        ten.Uses.RedemptionRate.ShouldBe(1.0, "3 verified uses ÷ (10 sold − 7 refunded on request)");
        (ten.Value.SoldFen, ten.Value.VerifiedFen, ten.Value.RefundedOnRequestFen, ten.Value.BreakageFen, ten.Value.OpenFen).ShouldBe((9_999L, 3_000L, 6_999L, 0L, 0L));
        ten.Stores.Select(s => (s.StoreId, s.Verified)).ShouldBeEquivalentTo([(merchant.HonouringStoreId, 3)]); // the reversed use is not a verification

        var three = byDeal[threeUses];
        (three.Figures.Sold, three.Figures.Verified, three.Uses.Sold, three.Uses.Verified, three.Uses.Open).ShouldBe((1, 1, 3, 3, 0));
        (three.Value.SoldFen, three.Value.VerifiedFen).ShouldBe((10_000L, 10_000L));
        three.Uses.RedemptionRate.ShouldBe(1.0);

        var five = byDeal[fiveUses];
        (five.Figures.Sold, five.Figures.ExpiredUnused, five.Uses.Sold, five.Uses.Verified, five.Uses.ExpiredUnused).ShouldBe((1, 1, 5, 2, 3));
        five.Uses.RedemptionRate.ShouldBe(0.4);
        (five.Value.VerifiedFen, five.Value.ExpiredUnusedFen, five.Value.BreakageFen).ShouldBe((401L, 600L, 600L), "the 不可退 card keeps its three unused uses' 6.00");

        var one = byDeal[merchant.DealId];
        (one.UsesPerVoucher, one.Figures.Verified, one.Uses.Verified, one.Value.VerifiedFen).ShouldBe((1, 1, 1, 1_000L));

        var uses = report.UseTotals;
        (uses.Sold, uses.Verified, uses.RefundedOnRequest, uses.RefundedAtExpiry, uses.ExpiredUnused, uses.Open).ShouldBe((19, 9, 7, 0, 3, 0));
        uses.RedemptionRate.ShouldBe(0.75, "9 ÷ (19 − 7)");
        (report.Totals.Sold, report.Totals.Verified, report.Totals.RefundedOnRequest, report.Totals.ExpiredUnused).ShouldBe((4, 2, 1, 1));
        var money = report.ValueTotals;
        (money.SoldFen, money.VerifiedFen, money.RefundedFen, money.ExpiredUnusedFen, money.BreakageFen, money.OpenFen).ShouldBe((22_000L, 14_401L, 6_999L, 600L, 600L, 0L));

        // Per verified, unreversed use: eight the same day, the 3-use card's last two days later.
        var durations = report.TimeToVerification;
        durations.Count.ShouldBe(9);
        durations.Buckets.Select(x => (x.Key, x.Count)).ShouldBeEquivalentTo([("sameDay", 8), ("1-3", 1), ("4-7", 0), ("8-30", 0), ("30+", 0)]);
        durations.P90Hours.ShouldBe(48.0);

        // The figures match the ledger: the refund paid back the unused part, the merchant holds the verified value less commission.
        (await app.WithDbAsync(db => db.Refunds.Where(r => r.VoucherId == partly.Id).SumAsync(r => r.AmountFen))).ShouldBe(6_999L);
        var commission = await app.WithDbAsync(db => db.Vouchers.Where(v => v.MerchantId == merchant.MerchantId).SumAsync(v => v.CommissionFen ?? 0));
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(money.VerifiedFen - commission);

        // The dashboard counts verifications per use, as the report does.
        var dashboard = (await owner.GetFromJsonAsync<LocalLoop.Operations.MerchantDashboard>("/api/merchant/dashboard"))!;
        (dashboard.VerificationsTotal, dashboard.VerificationsToday, dashboard.VerifiedValueFen).ShouldBe((9, 1, 14_401L));
        dashboard.VerificationsByDay.Sum(d => d.Count).ShouldBe(9);
        dashboard.VerificationsByDay.Sum(d => d.AmountFen).ShouldBe(14_401L);

        // The page shows uses, the card legend and the values.
        var page = await owner.GetStringAsync("/merchant/reports/breakage");
        page.Contains("已核销 3/10 次 · 1 张", StringComparison.Ordinal).ShouldBeTrue("the 10-use card's legend");
        page.Contains("10次健身卡 — 申请退款: 7", StringComparison.Ordinal).ShouldBeTrue("the stacked bar counts uses");
        page.Contains("¥144.01", StringComparison.Ordinal).ShouldBeTrue("the value verified");
        page.Contains("75.0%", StringComparison.Ordinal).ShouldBeTrue("the redemption rate by uses");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task External_platform_codes_are_reported_per_platform_and_store_apart_from_ours(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_000, title: "本店自营套餐");
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var codes = await VoucherPlatform.SellAsync(app, shop, count: 5, faceValueFen: 10_000, settlementFen: 8_200);
        var consumed = new List<ExternalConsumptionResult>();
        foreach (var (code, store) in new[] { (codes[0], merchant.HonouringStoreId), (codes[1], merchant.HonouringStoreId), (codes[2], merchant.HonouringStoreId), (codes[3], merchant.OtherStoreId) })
        {
            consumed.Add(await VoucherPlatform.ConsumeAsync(merchant.Clerk, store, code).ShouldReturnAsync<ExternalConsumptionResult>());
        }

        await VoucherPlatform.ReverseAsync(merchant.Clerk, consumed[2].ConsumptionId, "误核 / wrong code").ShouldReturnAsync<ExternalReversalResult>();
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000);
        await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1);

        var report = (await merchant.Owner.GetFromJsonAsync<BreakageReportView>("/api/merchant/reports/breakage"))!;
        report.External.Select(e => (e.Platform, e.StoreId, e.Consumed, e.Reversed, e.FaceValueFen, e.SettlementFen)).ShouldBeEquivalentTo([
            ("sandbox", merchant.HonouringStoreId, 2, 1, 20_000L, 16_400L),
            ("sandbox", merchant.OtherStoreId, 1, 0, 10_000L, 8_200L),
        ]);
        (report.UseTotals.Sold, report.UseTotals.Verified, report.ValueTotals.SoldFen, report.TimeToVerification.Count).ShouldBe((1, 0, 1_000L, 0),
            "external codes are not our sales");
        (await merchant.Owner.GetFromJsonAsync<LocalLoop.Operations.MerchantDashboard>("/api/merchant/dashboard"))!.VerificationsTotal.ShouldBe(0);

        var page = await merchant.Owner.GetStringAsync("/merchant/reports/breakage");
        page.Contains("id=\"external-codes-table\"", StringComparison.Ordinal).ShouldBeTrue();
        page.Contains("三方平台券码", StringComparison.Ordinal).ShouldBeTrue();
        page.Contains("¥246.00", StringComparison.Ordinal).ShouldBeTrue("the platform's settlement total over both stores");
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
