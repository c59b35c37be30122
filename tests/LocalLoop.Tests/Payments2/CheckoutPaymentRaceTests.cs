using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Payments2;

/// <summary>
/// A checkout payment ends once, whatever races it: the notification against a cancellation or the unpaid-order job
/// leaves every order paid, or the orders unpaid with the wallet hold returned and the gateway part refunded — never a
/// paid cancelled order nor a lost hold; parallel payments from one wallet never overdraw it; repeated notifications pay once.
/// </summary>
public sealed class CheckoutPaymentRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_notification_racing_a_cancellation_pays_every_order_or_returns_the_hold_and_refunds_the_gateway_part(string database)
    {
        var app = await fixture.For(database);
        await using var second = TestApp.SecondNodeOf(app);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 20, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 20, skuIndex: 2);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 200_000);
        var walletSpent = 0L;
        for (var round = 0; round < 5; round++)
        {
            var checkout = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);
            var orderA = checkout.Orders.Single(o => o.MerchantId == a.Merchant.MerchantId).Id;
            var started = await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 15_350).ShouldReturnAsync<CheckoutPaymentView>();
            var row = await CheckoutPaySteps.RowAsync(app, started.Id);
            var node = round % 2 == 0 ? app : second;
            Task<HttpResponseMessage> Cancel() => consumer.Client.PostAsync($"/api/orders/{orderA}/cancel", null);
            async Task<HttpResponseMessage> Notify()
            {
                await PayflowSteps.PaymentCrossesTheCloseAsync(app, row.TradeNo);
                return await CheckoutPaySteps.NotifyAsync(node, row);
            }

            // The first round lets the notification win, the second the cancellation; the others race for real.
            HttpResponseMessage cancelled, notified;
            if (round == 0)
            {
                notified = await Notify();
                cancelled = await Cancel();
            }
            else if (round == 1)
            {
                cancelled = await Cancel();
                notified = await Notify();
            }
            else
            {
                var both = await Task.WhenAll(Cancel(), Task.Run(Notify));
                (cancelled, notified) = (both[0], both[1]);
            }
            ((int)cancelled.StatusCode is 204 or 409).ShouldBeTrue($"the cancellation wins or is refused (got {(int)cancelled.StatusCode})");
            (await (await notified.ShouldHaveStatusAsync(200)).Content.ReadAsStringAsync()).ShouldBe("success");

            var states = (await consumer.Client.GetFromJsonAsync<List<OrderView>>($"/api/checkouts/{checkout.CheckoutId}"))!.ToDictionary(o => o.Id, o => o.State);
            var payment = await CheckoutPaySteps.RowAsync(app, started.Id);
            var refunded = await app.WithDbAsync(db => db.Set<LatePaymentRefund>()
                .Where(r => db.Payments.Any(p => p.Id == r.PaymentId && p.CheckoutPaymentId == started.Id)).Select(r => r.OrderId).ToListAsync());
            if (round < 2)
            {
                payment.State.ShouldBe(round == 0 ? CheckoutPaymentState.Succeeded : CheckoutPaymentState.Refunded, "the ordered rounds end each way");
            }

            if (payment.State == CheckoutPaymentState.Succeeded)
            {
                refunded.Count.ShouldBe(0, "a won notification's money stays");
                walletSpent += 15_350;
                if ((int)cancelled.StatusCode == 204)
                {
                    // Cancelled after the notification paid it, before the merchant accepted: refunded in full, the way it came.
                    states[orderA].ShouldBe(nameof(OrderState.Cancelled));
                    states.Where(o => o.Key != orderA).All(o => o.Value == nameof(OrderState.Paid)).ShouldBeTrue("the other merchant's order stays paid");
                    var cancelledOrder = (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderA}"))!;
                    cancelledOrder.RefundedFen.ShouldBe(cancelledOrder.TotalFen, "a paid order that is cancelled is refunded in full");
                    walletSpent -= (await CheckoutPaySteps.PaymentsOfAsync(app, orderA)).Where(p => p.Method == PaymentMethod.Wallet).Sum(p => p.AmountFen);
                }
                else
                {
                    states.Values.All(s => s == nameof(OrderState.Paid)).ShouldBeTrue("a won notification pays every order of the checkout");
                }
            }
            else
            {
                payment.State.ShouldBe(CheckoutPaymentState.Refunded, "a lost notification's gateway part goes back");
                states[orderA].ShouldBe(nameof(OrderState.Cancelled));
                states.Values.Any(s => s == nameof(OrderState.Paid)).ShouldBe(false, "no order of a given-up payment is paid");
                // Each order's gateway share is refunded once, against that order.
                refunded.Order().ShouldBeEquivalentTo(checkout.Orders.Select(o => o.Id).Order());
                var trade = await PayflowSteps.QueryAsync(app, row.TradeNo);
                trade.RefundedFen.ShouldBe(trade.AmountFen);
            }

            (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(200_000 - walletSpent, "the hold is spent on paid orders or returned, never lost");
            (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(0);
        }

        // Left pending at the cashier, the checkout's orders are cancelled by the unpaid-order job on two nodes: trade closed, hold back once.
        var stale = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);
        var open = await CheckoutPaySteps.PayAsync(consumer, stale.CheckoutId, 20_000).ShouldReturnAsync<CheckoutPaymentView>();
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        second.Clock.Advance(TimeSpan.FromMinutes(16));
        await Task.WhenAll(PayflowSteps.UnpaidJob(app).RunOnceAsync(CancellationToken.None), PayflowSteps.UnpaidJob(second).RunOnceAsync(CancellationToken.None));
        (await CheckoutPaySteps.StatesAsync(consumer, stale.CheckoutId)).All(s => s == nameof(OrderState.Cancelled)).ShouldBeTrue();
        (await CheckoutPaySteps.RowAsync(app, open.Id)).State.ShouldBe(CheckoutPaymentState.Cancelled);
        (await PayflowSteps.QueryAsync(app, (await CheckoutPaySteps.RowAsync(app, open.Id)).TradeNo)).State.ShouldBe(nameof(SandboxTradeState.Closed));
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(200_000 - walletSpent);
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(consumer.Id))).ShouldBe(200_000 - walletSpent);
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_checkout_payments_never_overdraw_the_wallet_and_repeated_notifications_pay_once(string database)
    {
        var app = await fixture.For(database);
        await using var second = TestApp.SecondNodeOf(app);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 10, skuIndex: 0);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 10_000);
        var checkouts = new List<CheckoutResult>();
        for (var i = 0; i < 6; i++)
        {
            checkouts.Add(await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(a, 0, 1))).ShouldReturnAsync<CheckoutResult>(201));
        }

        var answers = await Task.WhenAll(checkouts.Select(c => CheckoutPaySteps.PayAsync(consumer, c.CheckoutId, 3_000)));
        answers.Count(r => r.IsSuccessStatusCode).ShouldBe(3, "¥100 holds three parts of ¥30");
        foreach (var refused in answers.Where(r => !r.IsSuccessStatusCode))
        {
            await Task.FromResult(refused).ShouldBeProblemAsync(409, "insufficient_balance");
        }

        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(1_000);
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(9_000);

        var started = await answers.First(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<CheckoutPaymentView>();
        var row = await CheckoutPaySteps.RowAsync(app, started!.Id);
        await PayflowSteps.PaymentCrossesTheCloseAsync(app, row.TradeNo);
        var escrowBefore = await app.AccountBalanceAsync(Accounts.PlatformEscrow);
        var notified = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CheckoutPaySteps.NotifyAsync(i % 2 == 0 ? app : second, row)));
        foreach (var answer in notified)
        {
            (await (await answer.ShouldHaveStatusAsync(200)).Content.ReadAsStringAsync()).ShouldBe("success", "every copy is acknowledged");
        }

        var orderId = started.OrderIds.Single();
        (await PayflowSteps.OrderAsync(consumer, orderId)).State.ShouldBe(nameof(OrderState.Paid));
        (await CheckoutPaySteps.PaymentsOfAsync(app, orderId)).Select(p => (p.Method, p.AmountFen)).OrderBy(p => p.Method)
            .ShouldBeEquivalentTo([(PaymentMethod.Wallet, 3_000L), (PaymentMethod.SandboxGateway, 6_900L)]);
        (await app.AccountBalanceAsync(Accounts.PlatformEscrow) - escrowBefore).ShouldBe(9_900, "paid once");
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(6_000);
        var paidEvents = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Type == typeof(OrderPaid).FullName && m.Payload.Contains(orderId.ToString())));
        paidEvents.ShouldBe(1);
        await app.AssertLedgerBalancedAsync();
    }
}
