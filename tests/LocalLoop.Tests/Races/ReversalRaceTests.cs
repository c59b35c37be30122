using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>Reversals (冲正) at once with each other, with refunds and with new verifications: a verification is undone once, money moves once.</summary>
public sealed class ReversalRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Twenty_parallel_reversals_of_one_verification_reverse_it_once(string database)
    {
        var app = await fixture.For(database);
        var (merchant, consumer, voucher, verified) = await VerifiedVoucherAsync(app);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ReversalClosedLoopTests.Reverse(i % 2 == 0 ? merchant.Clerk : merchant.Owner, verified.AttemptId, $"并发冲正 {i}")));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "exactly one reversal succeeds");
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(19, "the others are told it is already reversed");
        (await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.ReferenceId == voucher.Id && e.Kind == "verification-reversal")
            .Select(e => e.TransactionId).Distinct().CountAsync())).ShouldBe(1, "one reversal transaction");
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == voucher.Id).State.ShouldBe(nameof(VoucherState.Issued));
        await AssertVoucherMatchesLedgerAsync(app, merchant, voucher.Id);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Reversals_racing_refunds_refund_only_after_the_reversal(string database)
    {
        var app = await fixture.For(database);
        var (merchant, consumer, voucher, verified) = await VerifiedVoucherAsync(app);

        var attempts = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? ReversalClosedLoopTests.Reverse(merchant.Clerk, verified.AttemptId, "和退款赛跑")
            : consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null));
        var responses = await Task.WhenAll(attempts);

        var reversals = responses.Where((_, i) => i % 2 == 0).ToList();
        var refunds = responses.Where((_, i) => i % 2 == 1).ToList();
        reversals.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "the verification is reversed once");
        (refunds.Count(r => (int)r.StatusCode == 200) <= 1).ShouldBeTrue("a voucher is refunded at most once");
        responses.All(r => (int)r.StatusCode is 200 or 409).ShouldBeTrue("every loser is told why");

        // A refund may win only once the reversal made the voucher unused again.
        var (reversedAt, refundedAt) = await app.WithDbAsync(async db => (
            (await db.VerificationAttempts.AsNoTracking().SingleAsync(a => a.Id == verified.AttemptId)).ReversedAt,
            (await db.Refunds.AsNoTracking().Where(r => r.VoucherId == voucher.Id).Select(r => (DateTimeOffset?)r.CreatedAt).SingleOrDefaultAsync())));
        if (refundedAt is { } refunded)
        {
            (refunded >= reversedAt!.Value).ShouldBeTrue("the refund came after the reversal");
        }

        var state = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == voucher.Id).State;
        state.ShouldBe(refundedAt is null ? nameof(VoucherState.Issued) : nameof(VoucherState.Refunded));
        await AssertVoucherMatchesLedgerAsync(app, merchant, voucher.Id);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Reversals_racing_new_verifications_never_double_the_settlement(string database)
    {
        var app = await fixture.For(database);
        var (merchant, consumer, voucher, verified) = await VerifiedVoucherAsync(app);

        var attempts = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? ReversalClosedLoopTests.Reverse(merchant.Owner, verified.AttemptId, "和重新核销赛跑")
            : Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code));
        var responses = await Task.WhenAll(attempts);

        responses.Where((_, i) => i % 2 == 0).Count(r => (int)r.StatusCode == 200).ShouldBe(1, "the first verification is reversed once");
        var reverified = responses.Where((_, i) => i % 2 == 1).Count(r => (int)r.StatusCode == 200);
        (reverified <= 1).ShouldBeTrue("the voucher is consumed again at most once");
        var state = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == voucher.Id).State;
        state.ShouldBe(reverified == 1 ? nameof(VoucherState.Verified) : nameof(VoucherState.Issued));
        await AssertVoucherMatchesLedgerAsync(app, merchant, voucher.Id);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_review_racing_a_reversal_never_rests_on_a_reversed_consumption(string database)
    {
        var app = await fixture.For(database);
        var (merchant, consumer, voucher, verified) = await VerifiedVoucherAsync(app);

        var attempts = Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? ReversalClosedLoopTests.Reverse(merchant.Clerk, verified.AttemptId, "和评价赛跑")
            : consumer.Client.PostAsJsonAsync("/api/reviews", new Reviews.ReviewRequest(voucher.Id, 5, "好")));
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => (int)r.StatusCode == 200 || (int)r.StatusCode == 201).ShouldBe(1, "either the review or the reversal wins, not both");
        var reviewed = await app.WithDbAsync(db => db.Reviews.AnyAsync(r => r.VoucherId == voucher.Id));
        var state = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == voucher.Id).State;
        state.ShouldBe(reviewed ? nameof(VoucherState.Verified) : nameof(VoucherState.Issued), "a review exists exactly when the consumption still stands");
        await AssertVoucherMatchesLedgerAsync(app, merchant, voucher.Id);
        await app.AssertLedgerBalancedAsync();
    }

    private static async Task<(MerchantSetup, Consumer, VoucherView, VerificationResult)> VerifiedVoucherAsync(TestApp app)
    {
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 8_850);
        var consumer = await scenario.NewConsumerAsync(walletFen: 8_850);
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        return (merchant, consumer, voucher, verified);
    }

    /// <summary>
    /// The voucher's state and the ledger tell the same story. For this one-unit order: escrow still holds its value
    /// only while it is Issued; the merchant and the platform hold their shares only while it is Verified; the
    /// consumer's wallet has it back only once Refunded.
    /// </summary>
    private static async Task AssertVoucherMatchesLedgerAsync(TestApp app, MerchantSetup merchant, Guid voucherId)
    {
        await app.WithDbAsync(async db =>
        {
            var voucher = await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == voucherId);
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == voucher.OrderId && p.State == PaymentState.Succeeded);
            var refunds = await db.Refunds.Where(r => r.VoucherId == voucherId).Select(r => r.Id).ToListAsync();
            List<Guid?> references = [payment.Id, voucherId, .. refunds.Select(id => (Guid?)id)];
            var entries = await db.LedgerEntries.AsNoTracking().Where(e => references.Contains(e.ReferenceId)).ToListAsync();
            long Sum(string account) => entries.Where(e => e.Account == account).Sum(e => e.AmountFen);

            var value = voucher.ValueFen;
            var commission = new Money(value).ShareAt(new CommissionRate(voucher.CommissionRateBasisPoints)).Fen;
            var (escrow, merchantShare, revenue, wallet) = voucher.State switch
            {
                VoucherState.Issued => (value, 0L, 0L, 0L),
                VoucherState.Verified => (0L, value - commission, commission, 0L),
                _ => (0L, 0L, 0L, value),
            };
            Sum(Accounts.PlatformEscrow).ShouldBe(escrow, $"escrow for a {voucher.State} voucher");
            Sum(Accounts.MerchantPending(merchant.MerchantId)).ShouldBe(merchantShare, $"merchant share for a {voucher.State} voucher");
            Sum(Accounts.PlatformRevenue).ShouldBe(revenue, $"commission for a {voucher.State} voucher");
            Sum(Accounts.ConsumerWallet(voucher.ConsumerId)).ShouldBe(wallet - value, $"wallet movements for a {voucher.State} voucher");
            refunds.Count.ShouldBe(voucher.State == VoucherState.Refunded ? 1 : 0, "a refund row exactly when refunded");
            (voucher.State == VoucherState.Verified).ShouldBe(voucher.CommissionFen is not null, "commission is recorded exactly while verified");
            return true;
        });
    }
}
