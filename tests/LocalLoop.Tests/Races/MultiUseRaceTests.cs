using LocalLoop.Ledger;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>
/// Cards (次卡) under concurrency: the last use is consumed once; a use and a refund racing either consume the use and
/// refund the rest or refund everything and refuse the use; a card is refunded once. Never both, never lost.
/// </summary>
public sealed class MultiUseRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Twenty_parallel_verifications_of_the_last_use_of_a_card_consume_it_once(string database)
    {
        var app = await fixture.For(database);
        var (merchant, _, card) = await CardAsync(app, uses: 3);
        for (var i = 0; i < 2; i++)
        {
            await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code)).ShouldHaveStatusAsync(200);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code)));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "exactly one takes the last use");
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(19, "the others are told the card is used up");
        var stored = await StoredAsync(app, card.Id);
        (stored.UsesLeft, stored.State, stored.UsedValueFen).ShouldBe((0, VoucherState.Verified, 10_000L));
        (await SettledAsync(app, card.Id)).ShouldBe(10_000L, "three uses settled, no more");
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(10_000L - 500);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verifications_racing_a_refund_of_a_card_either_use_then_refund_the_rest_or_refund_all(string database)
    {
        var app = await fixture.For(database);
        var (merchant, consumer, card) = await CardAsync(app, uses: 3);
        await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code)).ShouldHaveStatusAsync(200);

        var attempts = Enumerable.Range(0, 12).Select(i => i % 3 == 0
            ? consumer.Client.PostAsync($"/api/me/vouchers/{card.Id}/refund", null)
            : Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code));
        var responses = await Task.WhenAll(attempts);

        responses.All(r => (int)r.StatusCode is 200 or 409).ShouldBeTrue("every loser is told why");
        var refunds = responses.Where((_, i) => i % 3 == 0).Count(r => (int)r.StatusCode == 200);
        var uses = responses.Where((_, i) => i % 3 != 0).Count(r => (int)r.StatusCode == 200);
        (refunds <= 1).ShouldBeTrue("a card is refunded at most once");
        var stored = await StoredAsync(app, card.Id);
        stored.UsesLeft.ShouldBe(2 - uses, "each successful verification took exactly one use");
        stored.State.ShouldBe(refunds == 1 ? VoucherState.Refunded : VoucherState.Verified, "refunded, or (no refund won) used up");
        var refunded = await app.WithDbAsync(db => db.Refunds.Where(r => r.VoucherId == card.Id).SumAsync(r => r.AmountFen));

        // Nothing lost, nothing doubled: the merchant has the used uses, the consumer the rest, escrow nothing of this card.
        var settled = await SettledAsync(app, card.Id);
        settled.ShouldBe(stored.UsedValueFen);
        (settled + refunded).ShouldBe(10_000L);
        (await ExpiryRefundClosedLoopTests.WalletAsync(consumer)).ShouldBe(refunded);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Twenty_parallel_refunds_of_a_used_card_refund_its_unused_part_once(string database)
    {
        var app = await fixture.For(database);
        var (merchant, consumer, card) = await CardAsync(app, uses: 3);
        await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code)).ShouldHaveStatusAsync(200);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => consumer.Client.PostAsync($"/api/me/vouchers/{card.Id}/refund", null)));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "one refund");
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(19, "the others are told it is already refunded");
        (await ExpiryRefundClosedLoopTests.WalletAsync(consumer)).ShouldBe(6_666L, "the two unused uses, once");
        (await app.WithDbAsync(db => db.Refunds.CountAsync(r => r.VoucherId == card.Id))).ShouldBe(1);
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>A merchant with a ¥100.00 card deal, and a consumer who bought one card with all of their wallet.</summary>
    private static async Task<(MerchantSetup Merchant, Consumer Consumer, VoucherView Card)> CardAsync(TestApp app, int uses)
    {
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var dealId = await MultiUseClosedLoopTests.CardDealAsync(app, merchant, 10_000, uses);
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000);
        var card = (await Scenario.BuyWithWalletAsync(consumer, dealId, 1)).Single();
        return (merchant, consumer, card);
    }

    private static Task<Voucher> StoredAsync(TestApp app, Guid id) => app.WithDbAsync(db => db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == id));

    /// <summary>What left escrow for the merchant on this card: its verifications less their reversals.</summary>
    private static Task<long> SettledAsync(TestApp app, Guid cardId) => app.WithDbAsync(async db => -await db.LedgerEntries
        .Where(e => e.ReferenceId == cardId && e.Account == Accounts.PlatformEscrow && (e.Kind == "verification" || e.Kind == "verification-reversal"))
        .SumAsync(e => e.AmountFen));
}
