using System.Net.Http.Json;
using LocalLoop.Deals;
using LocalLoop.Merchants;
using LocalLoop.Operations;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>
/// Merchant B's staff must never reach merchant A's data: another merchant's ids answer 404 (as if they did not
/// exist, so ids cannot be probed), lists and dashboards show only B's own rows, and nothing of A's changes.
/// </summary>
public sealed class MerchantTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_deal_is_not_found_by_owner_or_manager(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var managerOfB = await new StaffScenario(app).InviteAsync(b, LocalLoop.Platform.Identity.Roles.Manager);

        await b.Owner.GetAsync($"/api/merchant/deals/{a.DealId}").ShouldBeProblemAsync(404, "not_found");
        await managerOfB.Client.GetAsync($"/api/merchant/deals/{a.DealId}").ShouldBeProblemAsync(404, "not_found");
        // Clerks do not read deals at all since decision 0016 (MerchantManage).
        await (await b.Clerk.GetAsync($"/api/merchant/deals/{a.DealId}")).ShouldHaveStatusAsync(403);

        // The same request works for A's own staff, so the 404 is about tenancy and not a broken route.
        (await a.Owner.GetAsync($"/api/merchant/deals/{a.DealId}").ShouldReturnAsync<DealView>()).Id.ShouldBe(a.DealId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_deal_cannot_be_offered_at_another_merchants_store(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var dealsOfB = await DealCountAsync(app, b.MerchantId);
        var dealsAtAsStore = await app.WithDbAsync(db => db.DealStores.CountAsync(ds => ds.StoreId == a.HonouringStoreId));

        await b.Owner.PostAsJsonAsync("/api/merchant/deals", Deal([a.HonouringStoreId])).ShouldBeProblemAsync(404, "not_found");
        // Mixing one own store with a foreign one is refused as a whole.
        await b.Owner.PostAsJsonAsync("/api/merchant/deals", Deal([b.HonouringStoreId, a.OtherStoreId])).ShouldBeProblemAsync(404, "not_found");

        (await DealCountAsync(app, b.MerchantId)).ShouldBe(dealsOfB, "no deal was created");
        (await app.WithDbAsync(db => db.DealStores.CountAsync(ds => ds.StoreId == a.HonouringStoreId))).ShouldBe(dealsAtAsStore, "A's store got no new deal");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verifying_at_another_merchants_store_is_not_found_and_leaves_the_voucher_unused(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, a.DealId, 1)).Single();

        await Scenario.VerifyAsync(b.Clerk, a.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(404, "not_found");
        await Scenario.VerifyAsync(b.Owner, a.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(404, "not_found");

        (await VoucherStateAsync(app, voucher.Id)).ShouldBe(VoucherState.Issued);
        (await AttemptCountAsync(app, a.MerchantId)).ShouldBe(0, "nothing was logged in A's verification log");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_voucher_code_is_unknown_at_own_store_and_stays_usable(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, a.DealId, 1)).Single();

        // "Unknown", not "belongs to someone else": B's clerk learns nothing about A's codes.
        await Scenario.VerifyAsync(b.Clerk, b.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(404, "unknown_code");

        (await VoucherStateAsync(app, voucher.Id)).ShouldBe(VoucherState.Issued);
        var verified = await Scenario.VerifyAsync(a.Clerk, a.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        verified.VoucherId.ShouldBe(voucher.Id);
        var logOfA = await a.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications");
        logOfA!.Count.ShouldBe(1, "B's failed attempt is in B's log, not A's");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Merchant_lists_contain_none_of_another_merchants_rows(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, a.DealId, 1)).Single();
        await Scenario.VerifyAsync(a.Clerk, a.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        var staffOfA = (await a.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!.Select(s => s.Id).ToList();
        var logOfA = (await a.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!.Select(e => e.Id).ToList();
        logOfA.Count.ShouldBe(1);

        // A manager rather than the clerk: clerks no longer read stores and deals (decision 0016).
        var managerOfB = await new StaffScenario(app).InviteAsync(b, LocalLoop.Platform.Identity.Roles.Manager);
        foreach (var (role, client) in new[] { ("owner", b.Owner), ("manager", managerOfB.Client) })
        {
            var stores = await client.GetFromJsonAsync<List<StoreView>>("/api/merchant/stores");
            stores!.Select(s => s.Id).Order().ShouldBeSequence(new[] { b.HonouringStoreId, b.OtherStoreId }.Order(), $"B's {role} sees exactly B's stores");
            var deals = await client.GetFromJsonAsync<List<DealView>>("/api/merchant/deals");
            deals!.Select(d => d.Id).ShouldBeSequence([b.DealId], $"B's {role} sees exactly B's deal");
            var log = await client.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications");
            log!.Any(e => logOfA.Contains(e.Id)).ShouldBe(false, $"B's {role} sees none of A's verifications");
        }

        var staffOfB = (await b.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!;
        staffOfB.Select(s => s.Email).Order().ShouldBeSequence(new[] { b.OwnerEmail, b.ClerkEmail, managerOfB.Email }.Order(), "B's owner sees exactly B's staff");
        staffOfB.Any(s => staffOfA.Contains(s.Id)).ShouldBe(false);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_merchants_dashboard_shows_only_its_own_numbers(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync(priceFen: 10_000);
        var b = await scenario.NewMerchantAsync(priceFen: 5_000);
        var consumer = await scenario.NewConsumerAsync();
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, a.DealId, 2);
        await Scenario.VerifyAsync(a.Clerk, a.HonouringStoreId, vouchers[0].Code).ShouldReturnAsync<VerificationResult>();

        var dashboardOfB = await b.Owner.GetFromJsonAsync<MerchantDashboard>("/api/merchant/dashboard");
        dashboardOfB!.VerificationsTotal.ShouldBe(0);
        dashboardOfB.VerificationsToday.ShouldBe(0);
        dashboardOfB.GmvFen.ShouldBe(0L);
        dashboardOfB.VerifiedValueFen.ShouldBe(0L);
        dashboardOfB.CommissionFen.ShouldBe(0L);
        dashboardOfB.PendingBalanceFen.ShouldBe(0L);
        dashboardOfB.EscrowHeldFen.ShouldBe(0L);
        dashboardOfB.VouchersOutstanding.ShouldBe(0);
        dashboardOfB.VerificationsByDay.Sum(d => d.Count).ShouldBe(0);

        var dashboardOfA = await a.Owner.GetFromJsonAsync<MerchantDashboard>("/api/merchant/dashboard");
        dashboardOfA!.VerificationsTotal.ShouldBe(1);
        dashboardOfA.GmvFen.ShouldBe(20_000L);
        dashboardOfA.CommissionFen.ShouldBe(500L, "5% of ¥100");
        dashboardOfA.PendingBalanceFen.ShouldBe(9_500L);
        dashboardOfA.EscrowHeldFen.ShouldBe(10_000L);
        dashboardOfA.VouchersOutstanding.ShouldBe(1);
    }

    private static DealRequest Deal(List<Guid> storeIds) => new("越界套餐", "不应创建", "food", 5_000, 8_000, 30, storeIds);

    private static Task<int> DealCountAsync(TestApp app, Guid merchantId) => app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchantId));

    private static Task<int> AttemptCountAsync(TestApp app, Guid merchantId) =>
        app.WithDbAsync(db => db.VerificationAttempts.CountAsync(a => a.MerchantId == merchantId));

    private static Task<VoucherState> VoucherStateAsync(TestApp app, Guid voucherId) =>
        app.WithDbAsync(db => db.Vouchers.Where(v => v.Id == voucherId).Select(v => v.State).SingleAsync());
}
