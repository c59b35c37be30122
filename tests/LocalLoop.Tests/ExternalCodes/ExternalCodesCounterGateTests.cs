using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ExternalCodes;

/// <summary>The external tab is the same counter as ours: a clerk paused for wrong codes is paused there too, and a clerk works only at assigned stores.</summary>
public sealed class ExternalCodesCounterGateTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_paused_for_wrong_codes_is_paused_on_the_external_tab_with_Retry_After(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var code = (await VoucherPlatform.SellAsync(app, shop)).Single();

        for (var i = 0; i < VoucherVerification.MaxFailuresPerWindow; i++)
        {
            await VoucherPlatform.QueryAsync(merchant.Clerk, merchant.HonouringStoreId, $"EXBAD{i}").ShouldBeProblemAsync(400, "validation_failed");
        }

        var response = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code);
        await response.ShouldHaveStatusAsync(429);
        (response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }).ShouldBeTrue($"a 429 carries Retry-After; headers were: {response.Headers}");
        await VoucherPlatform.QueryAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldBeProblemAsync(429, "rate_limited");
        // Our own codes' counter pauses the same clerk too: one pause for both tabs.
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, "123456789012").ShouldBeProblemAsync(429, "rate_limited");
        (await VoucherPlatform.CodeAsync(app, code)).State.ShouldBe(LocalLoop.SandboxVoucherPlatform.SandboxCodeState.Unused, "a paused clerk consumes nothing");

        // The owner is not paused, and the window passing lifts the clerk's pause.
        await VoucherPlatform.QueryAsync(merchant.Owner, merchant.HonouringStoreId, code).ShouldReturnAsync<ExternalCodeView>();
        app.Clock.Advance(VoucherVerification.FailureWindow + TimeSpan.FromMinutes(1));
        await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldReturnAsync<ExternalConsumptionResult>();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_assigned_to_one_store_cannot_verify_or_reverse_external_codes_at_another(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var codes = await VoucherPlatform.SellAsync(app, shop, count: 2);
        var clerkId = (await merchant.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!.Single(s => s.Email == merchant.ClerkEmail).Id;
        // The owner verifies one at the other store before the clerk is assigned away from it.
        var atOther = await VoucherPlatform.ConsumeAsync(merchant.Owner, merchant.OtherStoreId, codes[1]).ShouldReturnAsync<ExternalConsumptionResult>();
        await merchant.Owner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest([merchant.HonouringStoreId]))
            .ShouldReturnAsync<StoreAssignmentView>();

        await VoucherPlatform.QueryAsync(merchant.Clerk, merchant.OtherStoreId, codes[0]).ShouldBeProblemAsync(403, "store_not_assigned");
        var (_, chinese) = await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.OtherStoreId, codes[0]), 403, "store_not_assigned");
        chinese.Contains("未被分配", StringComparison.Ordinal).ShouldBeTrue(chinese);
        await VoucherPlatform.ReverseAsync(merchant.Clerk, atOther.ConsumptionId, "录错了").ShouldBeProblemAsync(403, "store_not_assigned");
        (await VoucherPlatform.CodeAsync(app, codes[0])).State.ShouldBe(LocalLoop.SandboxVoucherPlatform.SandboxCodeState.Unused);
        (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(a => a.ClerkUserId == clerkId && a.Outcome.Contains("not assigned"))))
            .ShouldBe(2, "the refusals at the counter are logged for the owner");

        // At the assigned store the clerk works as before.
        await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, codes[0]).ShouldReturnAsync<ExternalConsumptionResult>();
        await app.AssertLedgerBalancedAsync();
    }
}
