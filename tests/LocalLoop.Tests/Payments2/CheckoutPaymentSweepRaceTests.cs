using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform.Data;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Payments2;

/// <summary>
/// No checkout payment keeps a wallet hold for ever (decision 0033): the sweep, run on two nodes at once, returns the hold
/// of a payment whose orders were cancelled under it exactly once, and settles a paid trade whose notification never came;
/// the order page says when the checkout's payment is under way; a gateway payment arriving after the orders were
/// cancelled is refunded per order, each order's page showing its own share.
/// </summary>
public sealed class CheckoutPaymentSweepRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_sweep_returns_a_forgotten_hold_once_and_settles_a_paid_trade_and_late_money_is_refunded_per_order(string database)
    {
        var app = await fixture.For(database);
        await using var second = TestApp.SecondNodeOf(app);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 20, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 20, skuIndex: 2);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 200_000);

        // A payment starts in the instant a cancellation runs: the order is cancelled, the payment stays pending with its hold.
        var crossed = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);
        var pending = await CheckoutPaySteps.PayAsync(consumer, crossed.CheckoutId, 15_350).ShouldReturnAsync<CheckoutPaymentView>();
        foreach (var order in crossed.Orders)
        {
            (await consumer.Client.GetStringAsync($"/orders/{order.Id}")).Contains("本订单正与同一结算单的其他订单一起在线支付").ShouldBeTrue(
                "the order page says the checkout's gateway payment is under way");
        }

        var orderA = crossed.Orders.Single(o => o.MerchantId == a.Merchant.MerchantId);
        await CancellationCrossesThePaymentAsync(app, orderA);
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(15_350, "the hold is forgotten");
        (await Sweep(app, second)).ShouldBe(0, "a payment that just started is left to finish creating its trade");

        Advance(app, second, TimeSpan.FromMinutes(2));
        (await Sweep(app, second)).ShouldBe(1, "two nodes sweep at once; one ends the payment");
        (await Sweep(app, second)).ShouldBe(0);
        (await CheckoutPaySteps.RowAsync(app, pending.Id)).State.ShouldBe(CheckoutPaymentState.Cancelled);
        (await PayflowSteps.QueryAsync(app, (await CheckoutPaySteps.RowAsync(app, pending.Id)).TradeNo)).State.ShouldBe(nameof(SandboxTradeState.Closed));
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(200_000, "the hold came back once");
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(consumer.Id))).ShouldBe(200_000);
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(0);
        (await app.AccountBalanceAsync(Accounts.PaymentHolds)).ShouldBe(0);
        var orderB = crossed.Orders.Single(o => o.Id != orderA.Id).Id;
        (await PayflowSteps.OrderAsync(consumer, orderB)).State.ShouldBe(nameof(OrderState.PendingPayment), "the other order can still be paid");
        (await consumer.Client.GetStringAsync($"/orders/{orderB}")).Contains("本订单正与同一结算单的其他订单一起在线支付").ShouldBe(false);

        // Paid at the gateway, but the notification is late: after 30 minutes the sweep asks the gateway and pays the orders, once.
        var unnotified = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);
        var paidThere = await CheckoutPaySteps.PayAsync(consumer, unnotified.CheckoutId, 15_350).ShouldReturnAsync<CheckoutPaymentView>();
        await PayflowSteps.PaymentCrossesTheCloseAsync(app, (await CheckoutPaySteps.RowAsync(app, paidThere.Id)).TradeNo);
        Advance(app, second, TimeSpan.FromMinutes(31));
        (await Sweep(app, second)).ShouldBe(1);
        (await CheckoutPaySteps.RowAsync(app, paidThere.Id)).State.ShouldBe(CheckoutPaymentState.Succeeded);
        (await CheckoutPaySteps.StatesAsync(consumer, unnotified.CheckoutId)).All(s => s == nameof(OrderState.Paid)).ShouldBeTrue("every order is paid");
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(200_000 - 15_350, "the wallet part paid once");
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(0);
        (await Sweep(app, second)).ShouldBe(0);

        // Both orders cancelled, then the gateway's notification arrives anyway: each order's share goes back, recorded against that order.
        var late = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);
        var lateStart = await CheckoutPaySteps.PayAsync(consumer, late.CheckoutId, 15_350).ShouldReturnAsync<CheckoutPaymentView>();
        var lateRow = await CheckoutPaySteps.RowAsync(app, lateStart.Id);
        foreach (var order in late.Orders)
        {
            await (await consumer.Client.PostAsync($"/api/orders/{order.Id}/cancel", null)).ShouldHaveStatusAsync(204);
        }

        await PayflowSteps.PaymentCrossesTheCloseAsync(app, lateRow.TradeNo);
        (await (await (await CheckoutPaySteps.NotifyAsync(second, lateRow)).ShouldHaveStatusAsync(200)).Content.ReadAsStringAsync()).ShouldBe("success");
        (await (await (await CheckoutPaySteps.NotifyAsync(app, lateRow)).ShouldHaveStatusAsync(200)).Content.ReadAsStringAsync()).ShouldBe("success");
        (await CheckoutPaySteps.RowAsync(app, lateStart.Id)).State.ShouldBe(CheckoutPaymentState.Refunded);
        // ¥153.50 of ¥307 came from the wallet: half of each order; the other half of each came through the gateway and goes back.
        var lateA = late.Orders.Single(o => o.MerchantId == a.Merchant.MerchantId).Id;
        var lateB = late.Orders.Single(o => o.Id != lateA).Id;
        foreach (var (orderId, share, shown) in new[] { (lateA, 9_900L, "¥99.00"), (lateB, 5_450L, "¥54.50") })
        {
            var refunded = await app.WithDbAsync(db => db.Payments.AsNoTracking()
                .Where(p => p.OrderId == orderId && p.CheckoutPaymentId == lateStart.Id).Select(p => new { p.Method, p.State, p.AmountFen }).ToListAsync());
            refunded.Select(p => (p.Method, p.State, p.AmountFen)).ShouldBeEquivalentTo([(PaymentMethod.SandboxGateway, PaymentState.Refunded, share)]);
            (await app.WithDbAsync(db => db.Set<LatePaymentRefund>().Where(r => r.OrderId == orderId).Select(r => r.AmountFen).ToListAsync()))
                .ShouldBeEquivalentTo([share]);
            (await consumer.Client.GetStringAsync($"/orders/{orderId}")).Contains($"订单取消后才收到的在线支付 {shown} 已原路退回").ShouldBeTrue(
                $"order {orderId}'s page shows its own share");
        }

        var trade = await PayflowSteps.QueryAsync(app, lateRow.TradeNo);
        (trade.RefundedFen, trade.AmountFen).ShouldBe((15_350L, 15_350L));
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(200_000 - 15_350, "the late payment's hold came back when its orders were cancelled");
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(0);
        (await Sweep(app, second)).ShouldBe(0);

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    private static async Task<int> Sweep(TestApp app, TestApp second) =>
        (await Task.WhenAll(app.Services.GetRequiredService<CheckoutPaymentSweepJob>().RunOnceAsync(CancellationToken.None),
            second.Services.GetRequiredService<CheckoutPaymentSweepJob>().RunOnceAsync(CancellationToken.None))).Sum();

    private static void Advance(TestApp app, TestApp second, TimeSpan by)
    {
        app.Clock.Advance(by);
        second.Clock.Advance(by);
    }

    /// <summary>
    /// The rest of a cancellation whose close step ran just before the checkout payment started: the order is cancelled and
    /// its stock released, while the new payment stays pending with its wallet hold.
    /// </summary>
    private static Task<bool> CancellationCrossesThePaymentAsync(TestApp app, OrderView order) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Orders.Where(o => o.Id == order.Id && o.State == OrderState.PendingPayment).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OrderState.Cancelled)
            .SetProperty(o => o.CancelledAt, DateTimeOffset.UtcNow).SetProperty(o => o.CancelReason, OrderCancelReason.ByConsumer));
        foreach (var line in order.Lines)
        {
            await services.GetRequiredService<StockReservations>().ReleaseAsync(order.MerchantId, OrderLine.ReservationReference(order.Id, line.LineNumber));
        }

        await transaction.CommitAsync();
        return true;
    });
}
