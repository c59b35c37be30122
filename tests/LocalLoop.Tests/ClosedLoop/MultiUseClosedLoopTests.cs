using System.Net.Http.Json;
using LocalLoop.Deals;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Reviews;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// Cards (次卡): a voucher of N uses, verified one use at a time, each use settling its exact share of the value; a
/// reversal gives one use back; a refund returns exactly the unused part. The tests of this class share an app and
/// move its clock forward. The merchants' commission is 5%.
/// </summary>
public sealed class MultiUseClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_three_use_card_is_verified_one_use_at_a_time_and_each_use_settles_its_exact_share(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var dealId = await CardDealAsync(app, merchant, 10_000, uses: 3);
        var consumer = await scenario.NewConsumerAsync(walletFen: 20_000);

        // The consumer sees the card's size and per-use price before paying.
        (await consumer.Client.GetFromJsonAsync<DealView>($"/api/deals/{dealId}"))!.UsesPerVoucher.ShouldBe(3);
        (await consumer.Client.GetStringAsync($"/deals/{dealId}")).Contains("3 次卡 · 每次 ¥33.34", StringComparison.Ordinal).ShouldBeTrue("the deal page shows the card");

        var card = (await Scenario.BuyWithWalletAsync(consumer, dealId, 1)).Single();
        (card.TotalUses, card.UsesLeft, card.ValueFen).ShouldBe((3, 3, 10_000L));
        var pending = Accounts.MerchantPending(merchant.MerchantId);
        var escrowBefore = await app.AccountBalanceAsync(Accounts.PlatformEscrow);
        var revenueBefore = await app.AccountBalanceAsync(Accounts.PlatformRevenue);

        // ¥100.00 over 3 uses: 33.34 + 33.33 + 33.33; commission rounds cumulatively: 1.67 + 1.66 + 1.67 = 5.00.
        var expected = new[] { (3_334L, 167L, 2), (3_333L, 166L, 1), (3_333L, 167L, 0) };
        var results = new List<VerificationResult>();
        foreach (var (value, commission, left) in expected)
        {
            var result = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>();
            (result.ValueFen, result.CommissionFen, result.UsesLeft, result.TotalUses).ShouldBe((value, commission, left, 3));
            results.Add(result);
            var mine = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == card.Id);
            mine.UsesLeft.ShouldBe(left);
            mine.State.ShouldBe(left == 0 ? nameof(VoucherState.Verified) : nameof(VoucherState.Issued), "used up only with its last use");
            if (left == 2)
            {
                (await consumer.Client.GetStringAsync("/me/vouchers")).Contains("剩余 2/3 次", StringComparison.Ordinal).ShouldBeTrue("My vouchers shows the uses left");
            }
        }

        // A fourth use is refused: the card is used up.
        var refused = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldBeProblemAsync(409, "used_up");
        refused.Contains("All 3 uses", StringComparison.Ordinal).ShouldBeTrue(refused);

        // Each use is its own ledger transaction and log row, holding that use's value and commission.
        var settlements = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReferenceId == card.Id && e.Kind == "verification" && e.Account == Accounts.PlatformEscrow)
            .OrderBy(e => e.Id).Select(e => e.AmountFen).ToListAsync());
        settlements.ShouldBeEquivalentTo([-3_334L, -3_333L, -3_333L]);
        var attempts = await app.WithDbAsync(db => db.VerificationAttempts.AsNoTracking().Where(a => a.VoucherId == card.Id && a.Succeeded)
            .OrderBy(a => a.At).Select(a => new { a.ValueFen, a.CommissionFen }).ToListAsync());
        attempts.Select(a => (a.ValueFen, a.CommissionFen)).ShouldBeEquivalentTo([(3_334L, 167L), (3_333L, 166L), (3_333L, 167L)]);
        (await app.AccountBalanceAsync(pending)).ShouldBe(10_000L - 500);
        (await app.AccountBalanceAsync(Accounts.PlatformRevenue)).ShouldBe(revenueBefore + 500);
        (await app.AccountBalanceAsync(Accounts.PlatformEscrow)).ShouldBe(escrowBefore - 10_000);

        // The usage history lists the three uses; a used-up card cannot be refunded.
        var history = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == card.Id).Uses!;
        history.Select(u => u.ValueFen).ShouldBeEquivalentTo([3_334L, 3_333L, 3_333L]);
        history.All(u => u.StoreName == "人民广场店" && u.ReversedAt is null).ShouldBeTrue("each use names its store");
        await consumer.Client.PostAsync($"/api/me/vouchers/{card.Id}/refund", null).ShouldBeProblemAsync(409, "already_verified");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Reversing_a_middle_use_gives_exactly_that_use_back(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var dealId = await CardDealAsync(app, merchant, 10_000, uses: 3);
        var consumer = await scenario.NewConsumerAsync(walletFen: 20_000);
        var card = (await Scenario.BuyWithWalletAsync(consumer, dealId, 1)).Single();
        var pending = Accounts.MerchantPending(merchant.MerchantId);
        var uses = new List<VerificationResult>();
        for (var i = 0; i < 3; i++)
        {
            uses.Add(await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>());
        }

        // The second use was a mistake: reversing it returns its 33.33 (commission 1.66) and one use; the card is usable again.
        var reversed = await ReversalClosedLoopTests.Reverse(merchant.Clerk, uses[1].AttemptId, "多核了一次 / verified twice").ShouldReturnAsync<ReversalResult>();
        (reversed.ValueFen, reversed.CommissionFen, reversed.VoucherState).ShouldBe((3_333L, 166L, "Issued"));
        var after = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == card.Id);
        (after.State, after.UsesLeft).ShouldBe((nameof(VoucherState.Issued), 1));
        (await app.AccountBalanceAsync(pending)).ShouldBe(10_000L - 500 - (3_333 - 166));
        var reversal = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReferenceId == card.Id && e.Kind == "verification-reversal").ToListAsync());
        reversal.Single(e => e.Account == Accounts.PlatformEscrow).AmountFen.ShouldBe(3_333L);
        reversal.Single(e => e.Account == pending).AmountFen.ShouldBe(-(3_333L - 166));
        reversal.Single(e => e.Account == Accounts.PlatformRevenue).AmountFen.ShouldBe(-166L);
        after.Uses!.Count(u => u.ReversedAt is not null).ShouldBe(1, "the history shows the reversed use");
        (await consumer.Client.GetStringAsync("/me/vouchers")).Contains("多核了一次", StringComparison.Ordinal).ShouldBeTrue("with its reason");

        // The use given back is used again; the card ends exactly where three uses leave it.
        var again = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>();
        (again.ValueFen, again.CommissionFen, again.UsesLeft).ShouldBe((3_333L, 166L, 0));
        (await app.AccountBalanceAsync(pending)).ShouldBe(10_000L - 500);
        await ReversalClosedLoopTests.Reverse(merchant.Clerk, uses[1].AttemptId, "again").ShouldBeProblemAsync(409, "already_reversed");

        // Reversing the first use (33.34) of the used-up card: the last use then takes the 33.34 left, nothing stays in escrow.
        await ReversalClosedLoopTests.Reverse(merchant.Clerk, uses[0].AttemptId, "顾客未到店 / not there").ShouldReturnAsync<ReversalResult>();
        var last = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>();
        (last.ValueFen, last.CommissionFen, last.UsesLeft).ShouldBe((3_334L, 167L, 0));
        (await app.AccountBalanceAsync(pending)).ShouldBe(10_000L - 500);
        var stored = await app.WithDbAsync(db => db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == card.Id));
        (stored.UsedValueFen, stored.CommissionFen, stored.State).ShouldBe((10_000L, (long?)500, VoucherState.Verified));
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_card_may_be_reviewed_after_its_first_use_and_the_uses_before_the_review_can_no_longer_be_reversed(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var dealId = await CardDealAsync(app, merchant, 5_000, uses: 5);
        var consumer = await scenario.NewConsumerAsync(walletFen: 20_000);
        var card = (await Scenario.BuyWithWalletAsync(consumer, dealId, 1)).Single();

        // Not before a use; after the first, yes (once).
        await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(card.Id, 5, "教练很专业")).ShouldBeProblemAsync(409, "not_consumed");
        var first = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>();
        await (await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(card.Id, 5, "教练很专业"))).ShouldHaveStatusAsync(201);
        await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(card.Id, 4, "again")).ShouldBeProblemAsync(409, "already_reviewed");

        // The review rests on the first use; a use after the review can still be reversed.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>();
        second.UsesLeft.ShouldBe(3);
        await ReversalClosedLoopTests.Reverse(merchant.Clerk, first.AttemptId, "mistake").ShouldBeProblemAsync(409, "reviewed");
        await ReversalClosedLoopTests.Reverse(merchant.Clerk, second.AttemptId, "mistake").ShouldReturnAsync<ReversalResult>();
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == card.Id).UsesLeft.ShouldBe(4);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_unused_uses_of_a_card_are_refunded_pro_rata_to_the_wallet(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var dealId = await CardDealAsync(app, merchant, 10_000, uses: 3);
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000);
        var card = (await Scenario.BuyWithWalletAsync(consumer, dealId, 1)).Single();
        await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code)).ShouldHaveStatusAsync(200);
        (await consumer.Client.GetStringAsync("/me/vouchers")).Contains("¥66.66", StringComparison.Ordinal).ShouldBeTrue("the refund offer names the unused part");

        var refund = await consumer.Client.PostAsync($"/api/me/vouchers/{card.Id}/refund", null).ShouldReturnAsync<RefundResult>();
        (refund.AmountFen, refund.Method).ShouldBe((6_666L, "wallet"));
        (await ExpiryRefundClosedLoopTests.WalletAsync(consumer)).ShouldBe(6_666L, "the two unused uses come back; the used one stays with the merchant");
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(3_334L - 167);
        var after = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == card.Id);
        (after.State, after.UsesLeft).ShouldBe((nameof(VoucherState.Refunded), 2));

        // Once: no second refund, no more uses.
        await consumer.Client.PostAsync($"/api/me/vouchers/{card.Id}/refund", null).ShouldBeProblemAsync(409, "already_refunded");
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldBeProblemAsync(409, "refunded");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_unused_uses_of_a_gateway_paid_card_are_refunded_through_the_gateway(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var dealId = await CardDealAsync(app, merchant, 9_999, uses: 4);
        var consumer = await scenario.NewConsumerAsync(walletFen: 0);
        var order = await Scenario.PlaceOrderAsync(consumer, dealId, 1);
        var pay = await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("gateway")).ShouldReturnAsync<PayResult>();
        await Gateway.ConfirmOnCashierAsync(app, pay.CashierUrl!);
        (await Gateway.WaitUntilPaidAsync(consumer, order.Id)).State.ShouldBe(nameof(OrderState.Paid));
        var card = (await Scenario.VouchersAsync(consumer)).Single(v => v.OrderId == order.Id);

        // ¥99.99 over 4 uses: 25.00, 25.00, 25.00, 24.99. Two are used; 49.99 goes back through the gateway.
        foreach (var value in new[] { 2_500L, 2_500L })
        {
            (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>()).ValueFen.ShouldBe(value);
        }

        var refund = await consumer.Client.PostAsync($"/api/me/vouchers/{card.Id}/refund", null).ShouldReturnAsync<RefundResult>();
        (refund.AmountFen, refund.Method, refund.Status).ShouldBe((4_999L, "gateway", "succeeded"));
        var payment = await Gateway.PaymentOfAsync(app, order.Id);
        var trade = await app.Anonymous().GetFromJsonAsync<TradeState>($"/sandbox-gateway/api/trades/{payment.TradeNo}");
        trade!.RefundedFen.ShouldBe(4_999L, "a partial refund of the trade");
        (await ExpiryRefundClosedLoopTests.WalletAsync(consumer)).ShouldBe(0L);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_card_expiring_with_uses_left_gets_the_rest_refunded_by_the_expiry_job(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var dealId = await CardDealAsync(app, merchant, 5_000, uses: 5, refundPolicy: "ExpiryOnly", validityDays: 2);
        var consumer = await scenario.NewConsumerAsync(walletFen: 5_000);
        var card = (await Scenario.BuyWithWalletAsync(consumer, dealId, 1)).Single();
        for (var i = 0; i < 2; i++)
        {
            await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code)).ShouldHaveStatusAsync(200);
        }

        await consumer.Client.PostAsync($"/api/me/vouchers/{card.Id}/refund", null).ShouldBeProblemAsync(409, "not_refundable");
        app.Clock.Advance(TimeSpan.FromDays(3));
        consumer = await ExpiryRefundClosedLoopTests.SignInAgainAsync(app, consumer);
        await ExpiryRefundClosedLoopTests.RunJobAsync(app);
        await ExpiryRefundClosedLoopTests.RunJobAsync(app);

        (await ExpiryRefundClosedLoopTests.StatesAsync(app, card.Id)).ShouldBeEquivalentTo(["Refunded"]);
        (await app.WithDbAsync(db => db.Refunds.AsNoTracking().Where(r => r.VoucherId == card.Id).Select(r => r.AmountFen).ToListAsync()))
            .ShouldBeEquivalentTo([3_000L]);
        (await ExpiryRefundClosedLoopTests.WalletAsync(consumer)).ShouldBe(3_000L, "the three unused uses, once");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_table_verifies_one_use_of_a_card_with_its_ordinary_vouchers_and_the_lookup_shows_the_uses_left(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 8_800);
        var dealId = await CardDealAsync(app, merchant, 10_000, uses: 3);
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(walletFen: 50_000, phone: phone);
        var ordinary = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2);
        var card = (await Scenario.BuyWithWalletAsync(consumer, dealId, 1)).Single();

        var lookup = await Scenario.LookUpAsync(merchant.Clerk, merchant.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>();
        var listed = lookup.Vouchers.Single(v => v.Id == card.Id);
        (listed.UsesLeft, listed.TotalUses, listed.UsableHere).ShouldBe((3, 3, true));

        var batch = await Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, [.. ordinary.Select(v => v.Id), card.Id])
            .ShouldReturnAsync<BatchVerificationResult>();
        batch.Verified.Count.ShouldBe(3);
        var cardUse = batch.Verified.Single(v => v.VoucherId == card.Id);
        (cardUse.ValueFen, cardUse.UsesLeft, cardUse.TotalUses).ShouldBe((3_334L, 2, 3));
        batch.TotalValueFen.ShouldBe(8_800L * 2 + 3_334);

        // At the next visit the card is still there, with one use fewer; the ordinary vouchers are used.
        var next = await Scenario.LookUpAsync(merchant.Clerk, merchant.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>();
        var again = next.Vouchers.Single(v => v.Id == card.Id);
        (again.UsesLeft, again.UsableHere).ShouldBe((2, true));
        next.Vouchers.Where(v => v.Id != card.Id).All(v => !v.UsableHere).ShouldBeTrue("the ordinary vouchers are used");
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(8_800L * 2 - 440 * 2 + 3_334 - 167);
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>A card deal (次卡) of the merchant, honoured at its first store, approved by a reviewer.</summary>
    internal static async Task<Guid> CardDealAsync(TestApp app, MerchantSetup merchant, long priceFen, int uses, string? refundPolicy = null, int validityDays = 30)
    {
        var deal = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
                new DealRequest($"{uses}次健身卡", "器械区 + 淋浴 / gym and shower", "fitness", priceFen, priceFen * 2, validityDays, [merchant.HonouringStoreId], refundPolicy, UsesPerVoucher: uses))
            .ShouldReturnAsync<DealView>(201);
        deal.UsesPerVoucher.ShouldBe(uses);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await (await reviewer.PostAsync($"/api/admin/deals/{deal.Id}/approve", null)).ShouldHaveStatusAsync(204);
        return deal.Id;
    }

    private sealed record TradeState(string TransactionId, string MerchantTradeNo, long AmountFen, long RefundedFen, string State);
}
