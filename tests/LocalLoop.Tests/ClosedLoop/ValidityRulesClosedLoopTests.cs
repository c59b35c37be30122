using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Deals;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// An owner sells a deal with validity rules; a reviewer approves it; a consumer buys it and sees the rules; the clerk
/// is refused at an unusable instant with a reason in both languages, then succeeds at a usable one; the per-visit
/// limit holds for single codes and batches; operators keep the holiday calendar.
/// </summary>
public sealed class ValidityRulesClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_voucher_is_refused_on_a_listed_date_and_used_the_next_day_within_the_per_visit_limit(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var (today, merchant) = await TodayAwayFromMidnightAsync(app, scenario);
        var deal = await CreateApprovedDealAsync(app, merchant, new ValidityRulesRequest(UnusableDates: [Iso(today)], PerVisitLimit: 2,
            BookingRequired: true, BookingNote: "请提前 1 天电话预约"));

        // The consumer reads the rules before paying, from the public API and on the deal page.
        var shown = (await app.Anonymous().GetFromJsonAsync<DealView>($"/api/deals/{deal.Id}"))!;
        shown.Rules.PerVisitLimit.ShouldBe(2);
        shown.Rules.UnusableDates.ShouldBeEquivalentTo([today]);
        shown.Rules.BookingRequired.ShouldBeTrue();
        var page = await app.Anonymous().GetStringAsync($"/deals/{deal.Id}");
        page.Contains("每桌限用 2 张", StringComparison.Ordinal).ShouldBeTrue("the deal page shows the per-visit limit");
        page.Contains("需预约：请提前 1 天电话预约", StringComparison.Ordinal).ShouldBeTrue("the deal page shows booking");

        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(phone: phone);
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, deal.Id, 4);
        vouchers.All(v => v.Rules!.PerVisitLimit == 2).ShouldBeTrue("each voucher carries the rules it was bought with");
        var mine = await consumer.Client.GetStringAsync("/me/vouchers");
        mine.Contains("每桌限用 2 张", StringComparison.Ordinal).ShouldBeTrue("My vouchers shows the rules");

        // Today is off: refused, with the date in both languages.
        var refused = await ProblemAsync(await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code), 409, "unusable_date");
        refused.DetailZh.ShouldBe($"该券在 {Iso(today)} 不可用（商家指定的不可用日期）。");
        refused.Detail.Contains(Iso(today), StringComparison.Ordinal).ShouldBeTrue();

        // Tomorrow at noon, Shanghai time: two go through, the third is over the limit.
        var clerk = await MoveToAsync(app, merchant, today.AddDays(1), new TimeOnly(12, 0));
        var first = await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, vouchers[0].Code).ShouldReturnAsync<VerificationResult>();
        await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, vouchers[1].Code).ShouldReturnAsync<VerificationResult>();
        var over = await ProblemAsync(await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, vouchers[2].Code), 409, "per_visit_limit");
        over.DetailZh.ShouldBe("该团购每桌限用 2 张，本桌本次已有 2 张。");

        // The phone lookup shows the same: the remaining vouchers are over this visit's limit, and the rules are listed.
        var lookup = await Scenario.LookUpAsync(clerk, merchant.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>();
        var remaining = lookup.Vouchers.Where(v => v.State == nameof(VoucherState.Issued)).ToList();
        remaining.Count.ShouldBe(2);
        remaining.All(v => !v.UsableHere && v.ReasonCode == "per_visit_limit").ShouldBeTrue("the lookup names the limit");
        remaining[0].RulesZh!.Contains("每桌限用 2 张").ShouldBeTrue("the clerk sees the rules");

        // A reversed verification no longer counts towards the visit.
        await (await clerk.PostAsJsonAsync($"/api/merchant/verifications/{first.AttemptId}/reverse", new ReverseRequest("扫错了 / wrong one")))
            .ShouldHaveStatusAsync(200);
        await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, vouchers[2].Code).ShouldReturnAsync<VerificationResult>();
        await ProblemAsync(await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, vouchers[3].Code), 409, "per_visit_limit");

        // The next day is a new visit.
        clerk = await MoveToAsync(app, merchant, today.AddDays(2), new TimeOnly(12, 0));
        await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, vouchers[3].Code).ShouldReturnAsync<VerificationResult>();
        (await app.AssertLedgerBalancedAsync()).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_batch_holding_more_than_the_per_visit_limit_is_refused_naming_the_rule(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var deal = await CreateApprovedDealAsync(app, merchant, new ValidityRulesRequest(PerVisitLimit: 2));
        var consumer = await scenario.NewConsumerAsync();
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, deal.Id, 3);
        var escrowBefore = await app.AccountBalanceAsync(Ledger.Accounts.PlatformEscrow);

        var response = await Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers.Select(v => v.Id));
        var refused = await ProblemAsync(response, 409, "batch_refused");
        var items = refused.Root.GetProperty("items").EnumerateArray().ToList();
        items.Count(i => i.GetProperty("reasonCode").GetString() == "per_visit_limit").ShouldBe(1, "the one beyond the limit is named");
        items.Single(i => !i.GetProperty("usable").GetBoolean()).GetProperty("reasonZh").GetString().ShouldBe("该团购每桌限用 2 张，本桌本次已有 2 张。");
        (await app.AccountBalanceAsync(Ledger.Accounts.PlatformEscrow)).ShouldBe(escrowBefore, "nothing was verified");

        var two = await Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers.Take(2).Select(v => v.Id))
            .ShouldReturnAsync<BatchVerificationResult>();
        two.Verified.Count.ShouldBe(2);
        await ProblemAsync(await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[2].Code), 409, "per_visit_limit");
        (await app.AssertLedgerBalancedAsync()).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Outside_the_usable_hours_the_clerk_is_refused_and_inside_them_the_voucher_is_used(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        // Hours that start two hours from now (Shanghai) and last one hour, crossing midnight if they must.
        var now = ValidityRules.Local(app.Clock.GetUtcNow());
        var opens = TimeOnly.FromDateTime(now.DateTime).AddHours(2);
        var deal = await CreateApprovedDealAsync(app, merchant, new ValidityRulesRequest(UsableFrom: opens.ToString("HH:mm", CultureInfo.InvariantCulture),
            UsableUntil: opens.AddHours(1).ToString("HH:mm", CultureInfo.InvariantCulture)));
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, deal.Id, 1)).Single();

        var refused = await ProblemAsync(await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code), 409, "outside_hours");
        refused.DetailZh.StartsWith($"该券仅限 {opens:HH\\:mm}–", StringComparison.Ordinal).ShouldBeTrue(refused.DetailZh);

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var clerk = await app.SignInAsync(merchant.ClerkEmail); // the old sign-in expired meanwhile
        await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        (await app.AssertLedgerBalancedAsync()).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Operators_keep_the_holiday_calendar_and_a_holidays_off_voucher_follows_it(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var (today, merchant) = await TodayAwayFromMidnightAsync(app, scenario);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var consumer = await scenario.NewConsumerAsync();

        // The 2026 statutory holidays come with the schema.
        var seeded = (await admin.GetFromJsonAsync<List<Holiday>>("/api/admin/holidays?year=2026"))!;
        seeded.Count.ShouldBe(33);
        seeded.Single(h => h.Date == new DateOnly(2026, 10, 1)).NameZh.ShouldBe("国庆节");

        // Only an admin may read or change it.
        foreach (var client in new[] { merchant.Clerk, merchant.Owner, consumer.Client, await app.SignInAsync(TestApp.ReviewerEmail) })
        {
            (await client.PostAsJsonAsync("/api/admin/holidays", new HolidayRequest("2027-01-01", "元旦", "New Year's Day"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
            (await client.DeleteAsync("/api/admin/holidays/2026-10-01")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        }

        (await app.Anonymous().GetAsync("/api/admin/holidays")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);

        // Today becomes a holiday (a day off announced late): a holidays-off voucher is refused, naming it.
        var deal = await CreateApprovedDealAsync(app, merchant, new ValidityRulesRequest(HolidaysOff: true));
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, deal.Id, 1)).Single();
        var added = await admin.PostAsJsonAsync("/api/admin/holidays", new HolidayRequest(Iso(today), "调休假日", "Extra day off")).ShouldReturnAsync<Holiday>(201);
        added.Date.ShouldBe(today);
        await ProblemAsync(await admin.PostAsJsonAsync("/api/admin/holidays", new HolidayRequest(Iso(today), "调休假日", "Extra day off")), 409, "holiday_exists");
        await ProblemAsync(await admin.PostAsJsonAsync("/api/admin/holidays", new HolidayRequest("2026-13-01", "", "x")), 400, "validation_failed");

        var refused = await ProblemAsync(await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code), 409, "unusable_holiday");
        refused.DetailZh.ShouldBe($"该券法定节假日不可用，今天是调休假日（{Iso(today)}）。");

        // Removed again: usable.
        (await admin.DeleteAsync($"/api/admin/holidays/{Iso(today)}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
        await ProblemAsync(await admin.DeleteAsync($"/api/admin/holidays/{Iso(today)}"), 404, "not_found");
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        (await app.AssertLedgerBalancedAsync()).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_fixed_window_voucher_is_not_usable_before_its_first_day_and_expires_after_its_last(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var (today, merchant) = await TodayAwayFromMidnightAsync(app, scenario);
        var deal = await CreateApprovedDealAsync(app, merchant, new ValidityRulesRequest(ValidFrom: Iso(today.AddDays(3)), ValidUntil: Iso(today.AddDays(4))));
        deal.ValidityDays.ShouldBe(2, "a window's length in days");
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, deal.Id, 1)).Single();
        voucher.ValidFrom.ShouldBe(ValidityRules.LocalInstant(today.AddDays(3), TimeOnly.MinValue));
        voucher.ExpiresAt.ShouldBe(ValidityRules.LocalInstant(today.AddDays(5), TimeOnly.MinValue));

        var early = await ProblemAsync(await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code), 409, "not_yet_valid");
        early.DetailZh.ShouldBe($"该券尚未生效，{Iso(today.AddDays(3))} 00:00 起可用。");

        var clerk = await MoveToAsync(app, merchant, today.AddDays(4), new TimeOnly(23, 59));
        await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        (await app.AssertLedgerBalancedAsync()).ShouldBeTrue();
    }

    internal static async Task<DealView> CreateApprovedDealAsync(TestApp app, MerchantSetup merchant, ValidityRulesRequest rules)
    {
        var deal = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("规则套餐 Rules deal", "双人套餐", "food", 5_000, 8_000, 30, [merchant.HonouringStoreId], null, rules)).ShouldReturnAsync<DealView>(201);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await (await reviewer.PostAsync($"/api/admin/deals/{deal.Id}/approve", null)).ShouldHaveStatusAsync(204);
        return deal;
    }

    /// <summary>
    /// The Shanghai local date of now, after moving the clock to 09:00 the next morning if now is late in the evening,
    /// so a test that reads "today" is not overtaken by midnight (earlier tests of the class may have left the clock at 23:59).
    /// </summary>
    private static async Task<(DateOnly Today, MerchantSetup Merchant)> TodayAwayFromMidnightAsync(TestApp app, Scenario scenario)
    {
        var local = ValidityRules.Local(app.Clock.GetUtcNow());
        if (local.Hour >= 20)
        {
            app.Clock.Advance(ValidityRules.LocalInstant(DateOnly.FromDateTime(local.DateTime).AddDays(1), new TimeOnly(9, 0)) - app.Clock.GetUtcNow());
        }

        return (LocalDate(app.Clock.GetUtcNow()), await scenario.NewMerchantAsync());
    }

    /// <summary>Moves the app's clock forward to a Shanghai local date and time; the clerk signs in again, as their sign-in has expired by then.</summary>
    private static async Task<HttpClient> MoveToAsync(TestApp app, MerchantSetup merchant, DateOnly day, TimeOnly time)
    {
        app.Clock.Advance(ValidityRules.LocalInstant(day, time) - app.Clock.GetUtcNow());
        return await app.SignInAsync(merchant.ClerkEmail);
    }

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ValidityRules.Local(instant).DateTime);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal sealed record Problem(string Detail, string DetailZh, JsonElement Root);

    internal static async Task<Problem> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        await response.ShouldHaveStatusAsync(status);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        root.GetProperty("code").GetString().ShouldBe(code);
        return new Problem(root.GetProperty("detail").GetString() ?? "", root.GetProperty("detailZh").GetString() ?? "", root);
    }
}
