using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.ExternalCodes;

/// <summary>After the store's reversal window only an admin reverses an external code, through its platform; our own reversal endpoint points there.</summary>
public sealed class ExternalCodesAdminReversalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task After_the_window_only_an_admin_reverses_with_a_reason_once_and_on_the_platform(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var code = (await VoucherPlatform.SellAsync(app, shop)).Single();
        var consumed = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldReturnAsync<ExternalConsumptionResult>();

        // Our voucher reversal is not the way for an external row: it says which way is.
        var (english, chinese) = await VoucherPlatform.RefusalAsync(
            merchant.Clerk.PostAsJsonAsync($"/api/merchant/verifications/{consumed.AttemptId}/reverse", new ReverseRequest("录错了")), 409, "external_code");
        english.Contains("external code reversal", StringComparison.Ordinal).ShouldBeTrue(english);
        chinese.Contains("三方券", StringComparison.Ordinal).ShouldBeTrue(chinese);

        app.Clock.Advance(consumed.ReversibleUntil - app.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await VoucherPlatform.ReverseAsync(merchant.Clerk, consumed.ConsumptionId, "录错了").ShouldBeProblemAsync(409, "reversal_window_passed");

        var url = $"/api/admin/external-codes/consumptions/{consumed.ConsumptionId}/reverse";
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await (await reviewer.PostAsJsonAsync(url, new ReverseRequest("顾客投诉"))).ShouldHaveStatusAsync(403);
        await (await merchant.Owner.PostAsJsonAsync(url, new ReverseRequest("顾客投诉"))).ShouldHaveStatusAsync(403);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        await admin.PostAsJsonAsync(url, new ReverseRequest(" ")).ShouldBeProblemAsync(400, "validation_failed");

        var reversed = await admin.PostAsJsonAsync(url, new ReverseRequest("顾客投诉，核销有误")).ShouldReturnAsync<ExternalReversalResult>();
        (reversed.ConsumptionId, reversed.Reason).ShouldBe((consumed.ConsumptionId, "顾客投诉，核销有误"));
        (await VoucherPlatform.CodeAsync(app, code)).State.ShouldBe(SandboxCodeState.Unused, "the platform gave the code back");
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Days.Count.ShouldBe(0, "a reversed consumption is not owed");
        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        (log.Single(e => e.Id == consumed.AttemptId).ReversalReason, reversed.ReversedAt > consumed.ConsumedAt).ShouldBe(("顾客投诉，核销有误", true), "the log shows the reversal");

        // Again: already reversed, nothing more happens.
        await admin.PostAsJsonAsync(url, new ReverseRequest("再来一次")).ShouldBeProblemAsync(409, "already_reversed");
        await admin.PostAsJsonAsync($"/api/admin/external-codes/consumptions/{Guid.NewGuid()}/reverse", new ReverseRequest("不存在")).ShouldBeProblemAsync(404);
        await app.AssertLedgerBalancedAsync();
    }
}
