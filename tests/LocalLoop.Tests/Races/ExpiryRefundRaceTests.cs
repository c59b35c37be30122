using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>The expiry refund job on several nodes at once, and against the consumer's own refund: each voucher is refunded exactly once.</summary>
public sealed class ExpiryRefundRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Ten_passes_of_the_job_on_two_nodes_refund_each_expired_voucher_exactly_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var anyTime = await scenario.NewMerchantAsync(priceFen: 1_500, validityDays: 1);
        var expiryOnly = await scenario.NewMerchantAsync(priceFen: 2_500, validityDays: 1, refundPolicy: "ExpiryOnly");
        var consumer = await scenario.NewConsumerAsync(walletFen: 20_000);
        var vouchers = (await Scenario.BuyWithWalletAsync(consumer, anyTime.DealId, 3)).Concat(await Scenario.BuyWithWalletAsync(consumer, expiryOnly.DealId, 3)).ToList();
        var ids = vouchers.Select(v => v.Id).ToList();

        await using var second = TestApp.SecondNodeOf(app);
        app.Clock.Advance(TimeSpan.FromDays(2));
        second.Clock.Advance(app.Clock.Offset - second.Clock.Offset);

        var jobs = new[] { app.Services.GetRequiredService<ExpiryRefundJob>(), second.Services.GetRequiredService<ExpiryRefundJob>() };
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => jobs[i % 2].RunOnceAsync(CancellationToken.None))));

        (await ExpiryRefundClosedLoopTests.StatesAsync(app, [.. ids])).All(s => s == nameof(VoucherState.Refunded)).ShouldBeTrue("every expired voucher is refunded");
        var refunds = await app.WithDbAsync(db => db.Refunds.Where(r => r.VoucherId != null && ids.Contains(r.VoucherId.Value)).Select(r => r.VoucherId!.Value).ToListAsync());
        refunds.Count.ShouldBe(6, "one refund per voucher");
        refunds.Distinct().Count().ShouldBe(6);
        var refundPostings = await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Kind == "refund" && e.Account == Ledger.Accounts.ConsumerWallet(consumer.Id)));
        refundPostings.ShouldBe(6, "one ledger transaction per voucher");
        var wallet = await app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == consumer.Id).Select(w => w.BalanceFen).SingleAsync());
        wallet.ShouldBe(20_000L, "the money came back exactly once");
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>
    /// A consumer may still refund an expired AnyTime voucher on request ("refund any time while unused"): the money
    /// goes back the same way as the job would send it. Whichever of the two comes first wins the conditional update;
    /// the other is told it is already refunded (the consumer) or passes (the job).
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_consumers_refund_racing_the_job_on_an_expired_voucher_refunds_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 4_200, validityDays: 1);
        var consumer = await scenario.NewConsumerAsync(walletFen: 4_200);
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();

        app.Clock.Advance(TimeSpan.FromDays(2));
        consumer = await ExpiryRefundClosedLoopTests.SignInAgainAsync(app, consumer);
        var job = app.Services.GetRequiredService<ExpiryRefundJob>();

        var requests = Enumerable.Range(0, 10).Select(_ => consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null)).ToList();
        var passes = Enumerable.Range(0, 5).Select(_ => Task.Run(() => job.RunOnceAsync(CancellationToken.None))).ToList();
        var responses = await Task.WhenAll(requests);
        await Task.WhenAll(passes);

        (responses.Count(r => (int)r.StatusCode == 200) <= 1).ShouldBeTrue("at most one request refunds");
        responses.All(r => (int)r.StatusCode is 200 or 409).ShouldBeTrue("the others are told it is already refunded");
        (await app.WithDbAsync(db => db.Refunds.CountAsync(r => r.VoucherId == voucher.Id))).ShouldBe(1, "exactly one refund, by the consumer or by the job");
        (await ExpiryRefundClosedLoopTests.WalletAsync(consumer)).ShouldBe(4_200L, "the money came back exactly once");
        (await ExpiryRefundClosedLoopTests.StatesAsync(app, voucher.Id)).ShouldBeEquivalentTo([nameof(VoucherState.Refunded)]);
        await app.AssertLedgerBalancedAsync();
    }
}
