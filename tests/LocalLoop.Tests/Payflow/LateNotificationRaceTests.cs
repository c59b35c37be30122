using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform.Outbox;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Payflow;

/// <summary>
/// A gateway payment that arrives for an order that can no longer take it is acknowledged and refunded through the
/// gateway, once; a notification racing a cancellation leaves a paid order or a refunded payment, never a paid cancelled order.
/// </summary>
public sealed class LateNotificationRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Repeated_notifications_for_an_order_paid_by_wallet_refund_once_across_two_nodes(string database)
    {
        var app = await fixture.For(database);
        await using var second = TestApp.SecondNodeOf(app);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var order = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        var tradeNo = (await GatewayPaymentStartedAsync(app, consumer, order.Id)).TradeNo;

        // Paid by wallet (which closes the gateway trade), while the payer's gateway payment crossed the close.
        await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("wallet")).ShouldReturnAsync<PayResult>();
        await PayflowSteps.PaymentCrossesTheCloseAsync(app, tradeNo);
        var payment = await Gateway.PaymentOfAsync(app, order.Id);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => PayflowSteps.NotifyAsync(i % 2 == 0 ? app : second, payment)));
        foreach (var answer in answers)
        {
            await answer.ShouldHaveStatusAsync(200);
            (await answer.Content.ReadAsStringAsync()).ShouldBe("success", "every copy is acknowledged, so the gateway stops retrying");
        }

        (await app.WithDbAsync(db => db.Set<LatePaymentRefund>().CountAsync(r => r.OrderId == order.Id))).ShouldBe(1);
        (await Gateway.PaymentOfAsync(app, order.Id)).State.ShouldBe(PaymentState.Refunded);
        var trade = await PayflowSteps.QueryAsync(app, tradeNo);
        trade.RefundedFen.ShouldBe(trade.AmountFen, "the gateway refunded the whole payment, once");
        (await PayflowSteps.OrderAsync(consumer, order.Id)).State.ShouldBe(nameof(OrderState.Paid));
        (await Scenario.VouchersAsync(consumer)).Count(v => v.OrderId == order.Id).ShouldBe(1, "the wallet payment's voucher only");
        var inbox = await PayflowSteps.WaitForAsync(() => consumer.Client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications")!,
            n => n!.Any(x => x.Title.Contains("原路退回")));
        inbox!.Count(n => n.Title.Contains("原路退回")).ShouldBe(1, "the consumer is told once");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_notification_racing_a_cancellation_leaves_a_paid_order_or_a_refunded_payment(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(walletFen: 0);
        var outcomes = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var order = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
            var payment = await GatewayPaymentStartedAsync(app, consumer, order.Id);
            var cancel = consumer.Client.PostAsync($"/api/orders/{order.Id}/cancel", null);
            var notify = Task.Run(async () =>
            {
                await PayflowSteps.PaymentCrossesTheCloseAsync(app, payment.TradeNo);
                return await PayflowSteps.NotifyAsync(app, payment);
            });
            var cancelled = await cancel;
            var notified = await notify;
            ((int)cancelled.StatusCode is 204 or 409).ShouldBeTrue($"the cancellation wins or is refused (got {(int)cancelled.StatusCode})");
            await notified.ShouldHaveStatusAsync(200);

            var state = (await PayflowSteps.OrderAsync(consumer, order.Id)).State;
            var paymentState = (await Gateway.PaymentOfAsync(app, order.Id)).State;
            var refunds = await app.WithDbAsync(db => db.Set<LatePaymentRefund>().CountAsync(r => r.OrderId == order.Id));
            var vouchers = (await Scenario.VouchersAsync(consumer)).Count(v => v.OrderId == order.Id);
            if (state == nameof(OrderState.Paid))
            {
                (paymentState, refunds, vouchers).ShouldBe((PaymentState.Succeeded, 0, 1), "a paid order keeps its payment");
            }
            else
            {
                state.ShouldBe(nameof(OrderState.Cancelled));
                (paymentState, refunds, vouchers).ShouldBe((PaymentState.Refunded, 1, 0), "a cancelled order's late payment goes back");
                var trade = await PayflowSteps.QueryAsync(app, payment.TradeNo);
                trade.RefundedFen.ShouldBe(trade.AmountFen);
            }

            outcomes.Add(state);
        }

        outcomes.All(o => o is nameof(OrderState.Paid) or nameof(OrderState.Cancelled)).ShouldBeTrue();
        await app.AssertLedgerBalancedAsync();
    }

    private static async Task<Payment> GatewayPaymentStartedAsync(TestApp app, Consumer consumer, Guid orderId)
    {
        await PayflowSteps.PayByGatewayAsync(consumer, orderId);
        return await Gateway.PaymentOfAsync(app, orderId);
    }
}
