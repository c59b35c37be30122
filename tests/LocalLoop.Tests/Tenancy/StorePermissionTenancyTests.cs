using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Deals;
using LocalLoop.Merchants;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Ui;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>
/// Per-store permissions: a clerk assigned to some stores works only there — verify, preview, look up, batch and
/// reverse elsewhere are 403 and logged — while the owner works everywhere; only the merchant's own owner assigns.
/// </summary>
public sealed class StorePermissionTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_assigned_to_store_A_cannot_work_at_store_B_but_the_owner_can(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var m = await scenario.NewMerchantAsync();
        var (a, b) = (m.HonouringStoreId, m.OtherStoreId);
        var bothStoresDeal = await ApprovedDealAsync(app, m, [a, b]);
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(phone: phone);
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, bothStoresDeal, 4);
        var clerkId = await ClerkIdAsync(m);

        var assigned = await m.Owner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest([a])).ShouldReturnAsync<StoreAssignmentView>();
        (assigned.AllStores, assigned.StoreIds.Single()).ShouldBe((false, a));

        var refused = await Scenario.VerifyAsync(m.Clerk, b, vouchers[0].Code);
        var body = await (await refused.ShouldHaveStatusAsync(403)).Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("code").GetString().ShouldBe("store_not_assigned");
        (body.GetProperty("detail").GetString() ?? "").Contains("not assigned to 陆家嘴店", StringComparison.Ordinal).ShouldBeTrue(body.ToString());
        (body.GetProperty("detailZh").GetString() ?? "").Contains("未被分配到陆家嘴店", StringComparison.Ordinal).ShouldBeTrue(body.ToString());
        await CounterPreviewClosedLoopTests.PreviewAsync(m.Clerk, b, vouchers[0].Code).ShouldBeProblemAsync(403, "store_not_assigned");
        await Scenario.LookUpAsync(m.Clerk, b, phone).ShouldBeProblemAsync(403, "store_not_assigned");
        await Scenario.VerifyBatchAsync(m.Clerk, b, [vouchers[0].Id, vouchers[1].Id]).ShouldBeProblemAsync(403, "store_not_assigned");

        // At store A the clerk works as before.
        (await CounterPreviewClosedLoopTests.PreviewAsync(m.Clerk, a, vouchers[0].Code).ShouldReturnAsync<CounterPreview>()).Usable.ShouldBeTrue();
        await Scenario.VerifyAsync(m.Clerk, a, vouchers[0].Code).ShouldReturnAsync<VerificationResult>();

        // The owner works anywhere, and may reverse there; the clerk may not reverse a verification made at B.
        var atB = await Scenario.VerifyAsync(m.Owner, b, vouchers[1].Code).ShouldReturnAsync<VerificationResult>();
        await m.Clerk.PostAsJsonAsync($"/api/merchant/verifications/{atB.AttemptId}/reverse", new ReverseRequest("按错了"))
            .ShouldBeProblemAsync(403, "store_not_assigned");
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == vouchers[1].Id).State.ShouldBe(nameof(VoucherState.Verified), "the refused reversal changed nothing");
        await m.Owner.PostAsJsonAsync($"/api/merchant/verifications/{atB.AttemptId}/reverse", new ReverseRequest("按错了")).ShouldReturnAsync<ReversalResult>();

        (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(x => x.ClerkUserId == clerkId && x.StoreId == b && !x.Succeeded && x.Outcome.Contains("not assigned"))))
            .ShouldBe(5, "each refusal is in the verification log");
        (await app.WithDbAsync(db => db.Vouchers.CountAsync(v => v.VerifiedAtStoreId == b && v.State == VoucherState.Verified))).ShouldBe(0);

        // Back to no assignment: every store again.
        (await m.Owner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest([])).ShouldReturnAsync<StoreAssignmentView>()).AllStores.ShouldBeTrue();
        await Scenario.VerifyAsync(m.Clerk, b, vouchers[2].Code).ShouldReturnAsync<VerificationResult>();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Only_the_merchants_own_owner_assigns_its_clerks_to_its_stores(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var m = await scenario.NewMerchantAsync();
        var other = await scenario.NewMerchantAsync();
        var clerkId = await ClerkIdAsync(m);
        var otherClerkId = await ClerkIdAsync(other);

        await other.Owner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest([other.HonouringStoreId])).ShouldBeProblemAsync(404, "not_found");
        await other.Owner.PutAsJsonAsync($"/api/merchant/staff/{otherClerkId}/stores", new StoreAssignmentRequest([m.HonouringStoreId])).ShouldBeProblemAsync(404, "not_found");
        await m.Owner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest([m.HonouringStoreId, other.HonouringStoreId])).ShouldBeProblemAsync(404, "not_found");
        await (await m.Clerk.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest([m.HonouringStoreId]))).ShouldHaveStatusAsync(403);
        var ownerId = (await m.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!.Single(s => s.Role == "MerchantOwner").Id;
        await m.Owner.PutAsJsonAsync($"/api/merchant/staff/{ownerId}/stores", new StoreAssignmentRequest([m.HonouringStoreId])).ShouldBeProblemAsync(409, "owner_works_everywhere");

        (await app.WithDbAsync(db => db.StaffStores.CountAsync(s => s.UserId == clerkId || s.UserId == otherClerkId || s.UserId == ownerId))).ShouldBe(0, "nothing was assigned");
        // Still unassigned, so the clerk works at both of their merchant's stores.
        await CounterPreviewClosedLoopTests.PreviewAsync(m.Clerk, m.OtherStoreId, "123456789012").ShouldBeProblemAsync(404, "unknown_code");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_assigned_to_store_A_sees_only_store_As_verification_log_and_the_owner_sees_all(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var m = await scenario.NewMerchantAsync();
        var (a, b) = (m.HonouringStoreId, m.OtherStoreId);
        var vouchers = await Scenario.BuyWithWalletAsync(await scenario.NewConsumerAsync(), await ApprovedDealAsync(app, m, [a, b]), 2);
        var clerkId = await ClerkIdAsync(m);
        await m.Owner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest([a])).ShouldReturnAsync<StoreAssignmentView>();

        var atA = await Scenario.VerifyAsync(m.Clerk, a, vouchers[0].Code).ShouldReturnAsync<VerificationResult>();
        var atB = await Scenario.VerifyAsync(m.Owner, b, vouchers[1].Code).ShouldReturnAsync<VerificationResult>();

        var clerkLog = (await m.Clerk.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        clerkLog.Select(e => e.Id).ShouldBeEquivalentTo([atA.AttemptId]);
        var clerkPage = await m.Clerk.GetStringAsync("/merchant/verify");
        clerkPage.Contains(ConsoleFormat.GroupedCode(vouchers[0].Code), StringComparison.Ordinal).ShouldBeTrue("the console lists store A's verification");
        clerkPage.Contains(ConsoleFormat.GroupedCode(vouchers[1].Code), StringComparison.Ordinal).ShouldBe(false, "the console hides store B's verification");

        var ownerLog = (await m.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        ownerLog.Select(e => e.Id).ShouldBeEquivalentTo([atB.AttemptId, atA.AttemptId]);
        (await m.Owner.GetStringAsync("/merchant/verify")).Contains(ConsoleFormat.GroupedCode(vouchers[1].Code), StringComparison.Ordinal).ShouldBeTrue();
        await app.AssertLedgerBalancedAsync();
    }

    internal static async Task<Guid> ClerkIdAsync(MerchantSetup m) =>
        (await m.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!.Single(s => s.Email == m.ClerkEmail).Id;

    internal static async Task<Guid> ApprovedDealAsync(TestApp app, MerchantSetup m, List<Guid> stores)
    {
        var deal = await m.Owner.PostAsJsonAsync("/api/merchant/deals", new DealRequest("两店通用套餐", "咖啡两杯", "food", 3_000, 6_000, 30, stores))
            .ShouldReturnAsync<DealView>(201);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await (await reviewer.PostAsync($"/api/admin/deals/{deal.Id}/approve", null)).ShouldHaveStatusAsync(204);
        return deal.Id;
    }
}
