using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>Batches at the counter racing each other and single codes: every voucher is verified exactly once.</summary>
public sealed class CounterRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_clerks_batch_verifying_overlapping_sets_verify_each_voucher_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var secondClerk = await app.SignInAsync(merchant.ClerkEmail);
        var consumer = await scenario.NewConsumerAsync();
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 6);
        var ids = vouchers.Select(v => v.Id).ToList();

        for (var round = 0; round < 3; round++)
        {
            var pair = ids.Skip(round * 2).Take(2).ToList();
            // One clerk lists the pair forwards, the other backwards.
            var responses = await Task.WhenAll(
                Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, pair),
                Scenario.VerifyBatchAsync(secondClerk, merchant.HonouringStoreId, pair.AsEnumerable().Reverse().ToList()));
            responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "one batch wins, the other is refused whole");
            responses.Count(r => (int)r.StatusCode == 409).ShouldBe(1);
        }

        foreach (var id in ids)
        {
            (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == id && e.Kind == "verification"))).ShouldBe(3, "settled once");
            (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(a => a.VoucherId == id && a.Succeeded))).ShouldBe(1, "logged as verified once");
        }

        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_batches_with_partly_overlapping_sets_never_verify_a_voucher_twice(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(walletFen: 200_000);
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 8);
        var ids = vouchers.Select(v => v.Id).ToList();
        var clerks = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            clerks.Add(await app.SignInAsync(merchant.ClerkEmail));
        }

        // Sliding windows of three: [0..2], [2..4], [4..6], [5..7] overlap pairwise, listed in different orders.
        int[][] windows = [[0, 1, 2], [4, 3, 2], [4, 5, 6], [7, 6, 5]];
        var responses = await Task.WhenAll(windows.Select((w, i) =>
            Scenario.VerifyBatchAsync(clerks[i], merchant.HonouringStoreId, w.Select(k => ids[k]).ToList())));

        (responses.All(r => (int)r.StatusCode is 200 or 409)).ShouldBeTrue("a lost race is a 409, never a 500 or a deadlock");
        foreach (var id in ids)
        {
            var settlements = await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == id && e.Kind == "verification"));
            var state = await app.WithDbAsync(db => db.Vouchers.IgnoreQueryFilters().Where(v => v.Id == id).Select(v => v.State).SingleAsync());
            settlements.ShouldBe(state == VoucherState.Verified ? 3 : 0, "verified exactly once or not at all");
        }

        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_batch_racing_single_code_verifications_of_the_same_voucher_lets_one_win(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2);
        var shared = vouchers[0];

        var attempts = Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers.Select(v => v.Id).ToList())
            : Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, shared.Code));
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "either the batch or one typed code wins the shared voucher");
        (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == shared.Id && e.Kind == "verification"))).ShouldBe(3);
        var other = await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == vouchers[1].Id && e.Kind == "verification"));
        var batchWon = other == 3;
        var state = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == vouchers[1].Id).State;
        state.ShouldBe(batchWon ? nameof(VoucherState.Verified) : nameof(VoucherState.Issued), "the batch's other voucher follows the batch");
        await app.AssertLedgerBalancedAsync();
    }
}
