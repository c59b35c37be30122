using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ExternalCodes;

/// <summary>Clerks at two counters type the same external code at once: the platform consumes it once, and we record one success.</summary>
public sealed class ExternalCodesRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_clerks_consuming_one_external_code_in_parallel_consume_it_once(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var codes = await VoucherPlatform.SellAsync(app, shop, count: 5);

        foreach (var code in codes)
        {
            var responses = await Task.WhenAll(
                VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code),
                VoucherPlatform.ConsumeAsync(merchant.Owner, merchant.OtherStoreId, code));

            responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "exactly one clerk consumes the code");
            responses.Count(r => (int)r.StatusCode == 409).ShouldBe(1, "the other is told it is already used");
            (await VoucherPlatform.ConsumptionsOnPlatformAsync(app, code)).ShouldBe(1);
            (await app.WithDbAsync(db => db.ExternalConsumptions.CountAsync(c => c.Code == code && c.State == ExternalConsumptionState.Consumed))).ShouldBe(1);
        }

        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Count(e => e.Succeeded && e.ExternalPlatform == "sandbox").ShouldBe(5);
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Totals.Single().Count.ShouldBe(5);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_reversals_of_one_external_consumption_reverse_once(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var code = (await VoucherPlatform.SellAsync(app, shop)).Single();
        var consumed = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldReturnAsync<ExternalConsumptionResult>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            VoucherPlatform.ReverseAsync(i % 2 == 0 ? merchant.Clerk : merchant.Owner, consumed.ConsumptionId, "扫错了")));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1);
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(4);
        (await VoucherPlatform.CodeAsync(app, code)).State.ShouldBe(SandboxVoucherPlatform.SandboxCodeState.Unused);
    }
}
