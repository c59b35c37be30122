using LocalLoop.AfterSales;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.AfterSales;

/// <summary>
/// Parallel partial refunds of one order never give back more than was paid, per line and in total, and the money goes
/// back the way it came: to the wallet at once, through the gateway's refund API for a gateway payment.
/// </summary>
public sealed class OrderRefundRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Ten_parallel_refunds_worth_more_than_a_line_give_back_exactly_what_was_paid(string database)
    {
        var app = await fixture.For(database);
        var paid = await RefundScenario.PaidShippingOrderAsync(app, byGateway: false, (0, 2), (2, 1));
        var (shirts, other) = (paid.Order.Lines[0], paid.Order.Lines[1]);
        (shirts.AmountFen, other.AmountFen, paid.Order.TotalFen).ShouldBe((19_800L, 10_900L, 30_700L));
        var walletAfterPaying = await app.AccountBalanceAsync(Accounts.ConsumerWallet(paid.Consumer.Id));

        // 10 × ¥30 on a ¥198 line: six fit, four are refused, whatever the interleaving.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefundScenario.RefundAsync(paid.Merchant, paid.Id, new LineRefundRequest(1, 3_000, null))));
        answers.Count(a => (int)a.StatusCode == 200).ShouldBe(6);
        foreach (var refused in answers.Where(a => (int)a.StatusCode != 200))
        {
            await Task.FromResult(refused).ShouldBeProblemAsync(409, "refund_exceeds_line");
        }

        // Then 10 × ¥40 on the ¥109 line, and 10 more that each take 1 unit's worth of both lines at once.
        var second = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefundScenario.RefundAsync(paid.Merchant, paid.Id, new LineRefundRequest(2, 4_000, null))));
        second.Count(a => (int)a.StatusCode == 200).ShouldBe(2);
        var both = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefundScenario.RefundAsync(paid.Merchant, paid.Id,
            new LineRefundRequest(1, 1_800, null), new LineRefundRequest(2, 2_900, null))));
        both.Count(a => (int)a.StatusCode == 200).ShouldBe(1, "¥18 and ¥29 are exactly what the two lines had left");

        var order = await RefundScenario.OrderAsync(paid.Consumer, paid.Id);
        (order.RefundedFen, order.Lines[0].RefundedFen, order.Lines[1].RefundedFen).ShouldBe((30_700L, 19_800L, 10_900L));
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(paid.Consumer.Id)) - walletAfterPaying).ShouldBe(30_700, "the wallet got back exactly what it paid");
        (await app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == paid.Consumer.Id).Select(w => w.BalanceFen).SingleAsync())).ShouldBe(100_000);
        (await app.WithDbAsync(db => db.Refunds.Where(r => r.OrderId == paid.Id).SumAsync(r => r.AmountFen))).ShouldBe(30_700);
        await RefundScenario.RefundAsync(paid.Merchant, paid.Id, new LineRefundRequest(1, 1, null)).ShouldBeProblemAsync(409, "refund_exceeds_paid");

        await app.AssertLedgerBalancedAsync();
        await app.AssertStockMatchesJournalAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_gateway_payment_is_refunded_through_the_gateway_and_bad_refunds_change_nothing(string database)
    {
        var app = await fixture.For(database);
        var paid = await RefundScenario.PaidShippingOrderAsync(app, byGateway: true, (0, 3));
        var tradeNo = (await Gateway.PaymentOfAsync(app, paid.Id)).TradeNo;

        await RefundScenario.RefundAsync(paid.Merchant, paid.Id, new LineRefundRequest(1, null, 4)).ShouldBeProblemAsync(400, "validation_failed");
        await RefundScenario.RefundAsync(paid.Merchant, paid.Id, new LineRefundRequest(1, 29_701, null)).ShouldBeProblemAsync(409);
        await RefundScenario.RefundAsync(paid.Merchant, paid.Id, new LineRefundRequest(7, 100, null)).ShouldBeProblemAsync(400, "validation_failed");
        await RefundScenario.RefundAsync(paid.Merchant, paid.Id).ShouldBeProblemAsync(400, "validation_failed");
        (await RefundScenario.OrderAsync(paid.Consumer, paid.Id)).RefundedFen.ShouldBe(0, "refused refunds change nothing");

        var result = await RefundScenario.RefundAsync(paid.Merchant, paid.Id, new LineRefundRequest(1, null, 1)).ShouldReturnAsync<OrderRefundResult>();
        (result.AmountFen, result.Parts.Single().Method, result.Parts.Single().Status).ShouldBe((9_900L, "gateway", "succeeded"));
        (await PayflowSteps.QueryAsync(app, tradeNo)).RefundedFen.ShouldBe(9_900, "the gateway sent one unit's worth back");
        (await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.ReferenceId == paid.Id && e.Kind == "order-refund" && e.Account == Accounts.SandboxGateway)
            .SumAsync(e => e.AmountFen))).ShouldBe(9_900, "the refund left escrow for the gateway");

        await app.AssertLedgerBalancedAsync();
        await app.AssertStockMatchesJournalAsync();
    }
}
