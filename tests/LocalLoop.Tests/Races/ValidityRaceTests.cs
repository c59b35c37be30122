using LocalLoop.Deals;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>
/// A clerk verifies vouchers at the very instant they expire (the end of their last Shanghai local day) while the expiry
/// refund job runs: each voucher is either used (money with the merchant) or refunded (money back with the consumer),
/// never both and never neither.
/// </summary>
public sealed class ValidityRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Rounds = 6;
    private const int VouchersPerRound = 6;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verification_racing_the_expiry_job_at_the_expiry_instant_is_won_by_exactly_one(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 3_300, validityDays: 1);
        var consumer = await scenario.NewConsumerAsync(walletFen: 3_300L * Rounds * VouchersPerRound);
        var job = app.Services.GetRequiredService<ExpiryRefundJob>();
        var all = new List<VoucherView>();

        for (var round = 0; round < Rounds; round++)
        {
            consumer = await ExpiryRefundClosedLoopTests.SignInAgainAsync(app, consumer);
            var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, VouchersPerRound);
            all.AddRange(vouchers);
            var expiresAt = vouchers[0].ExpiresAt;
            ValidityRules.Local(expiresAt).TimeOfDay.ShouldBe(TimeSpan.Zero, "a voucher expires at a Shanghai local midnight");

            // Just before the expiry instant, by a different margin each round, so some requests land before and some after it.
            app.Clock.Advance(expiresAt - TimeSpan.FromMilliseconds(5 + 15 * round) - app.Clock.GetUtcNow());
            var clerk = await app.SignInAsync(merchant.ClerkEmail);
            var verifications = vouchers.Select(v => Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, v.Code)).ToList();
            var passes = Enumerable.Range(0, 3).Select(_ => Task.Run(() => job.RunOnceAsync(CancellationToken.None))).ToList();
            var responses = await Task.WhenAll(verifications);
            await Task.WhenAll(passes);
            responses.All(r => (int)r.StatusCode is 200 or 409).ShouldBeTrue("a clerk who lost is told why");

            // A later pass refunds whatever expired unused while no pass was running.
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await job.RunOnceAsync(CancellationToken.None);
        }

        var ids = all.Select(v => v.Id).ToList();
        var states = await app.WithDbAsync(db => db.Vouchers.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.State));
        var refunded = await app.WithDbAsync(db => db.Refunds.Where(r => r.VoucherId != null && ids.Contains(r.VoucherId.Value)).Select(r => r.VoucherId!.Value).ToListAsync());
        var settled = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Kind == "verification" && e.ReferenceId != null && ids.Contains(e.ReferenceId.Value))
            .Select(e => new { ReferenceId = e.ReferenceId!.Value, e.TransactionId }).Distinct().ToListAsync());
        foreach (var id in ids)
        {
            var verified = settled.Count(s => s.ReferenceId == id);
            var refunds = refunded.Count(r => r == id);
            (verified + refunds).ShouldBe(1, $"voucher {id} is used or refunded, exactly once ({states[id]})");
            states[id].ShouldBe(verified == 1 ? VoucherState.Verified : VoucherState.Refunded);
        }

        var used = states.Values.Count(s => s == VoucherState.Verified);
        consumer = await ExpiryRefundClosedLoopTests.SignInAgainAsync(app, consumer);
        var wallet = await ExpiryRefundClosedLoopTests.WalletAsync(consumer);
        wallet.ShouldBe(3_300L * (all.Count - used), "the consumer has back exactly the unused vouchers' money");
        var merchantShare = await app.AccountBalanceAsync(Ledger.Accounts.MerchantPending(merchant.MerchantId));
        merchantShare.ShouldBe(used * (3_300L - 165), "the merchant has exactly the used vouchers' money less commission");
        (await app.AssertLedgerBalancedAsync()).ShouldBeTrue();
    }
}
