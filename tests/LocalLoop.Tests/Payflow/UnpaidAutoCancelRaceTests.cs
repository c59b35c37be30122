using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform.Outbox;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Payflow;

/// <summary>
/// Unpaid orders are cancelled after Orders:UnpaidCancelAfterMinutes by a job every node runs: each order once, its
/// gateway trade closed first, a trade already paid left to its notification; a payment racing the job wins or loses whole.
/// </summary>
public sealed class UnpaidAutoCancelRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_job_on_two_nodes_cancels_each_stale_order_once_and_a_payment_racing_it_wins_or_loses_whole(string database)
    {
        var app = await fixture.For(database);
        await using var second = TestApp.SecondNodeOf(app);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(walletFen: 0);

        var plain = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        var withOpenTrade = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        await PayflowSteps.PayByGatewayAsync(consumer, withOpenTrade.Id);
        var openTrade = (await Gateway.PaymentOfAsync(app, withOpenTrade.Id)).TradeNo;
        // Paid at the gateway, its notification twenty minutes late: the job must not cancel it.
        await PayflowSteps.SetFaultAsync(app, new GatewayFaultRequest("NotifyLate", null, merchant.MerchantId.ToString(), 1_200, 1));
        var paidAtGateway = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        await Gateway.ConfirmOnCashierAsync(app, await PayflowSteps.PayByGatewayAsync(consumer, paidAtGateway.Id));

        Advance(app, second, TimeSpan.FromMinutes(16));
        var fresh = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        await Task.WhenAll(
            PayflowSteps.UnpaidJob(app).RunOnceAsync(CancellationToken.None),
            PayflowSteps.UnpaidJob(second).RunOnceAsync(CancellationToken.None),
            PayflowSteps.UnpaidJob(app).RunOnceAsync(CancellationToken.None));

        (await PayflowSteps.OrderAsync(consumer, plain.Id)).State.ShouldBe(nameof(OrderState.Cancelled));
        (await PayflowSteps.OrderAsync(consumer, withOpenTrade.Id)).State.ShouldBe(nameof(OrderState.Cancelled));
        (await PayflowSteps.QueryAsync(app, openTrade)).State.ShouldBe(nameof(SandboxTradeState.Closed), "the gateway trade was closed first");
        (await PayflowSteps.OrderAsync(consumer, paidAtGateway.Id)).State.ShouldBe(nameof(OrderState.PendingPayment), "paid at the gateway: its notification decides");
        (await PayflowSteps.OrderAsync(consumer, fresh.Id)).State.ShouldBe(nameof(OrderState.PendingPayment), "not old enough");
        var events = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Type == typeof(OrderCancelled).FullName).Select(m => m.Payload).ToListAsync());
        events.Count(p => p.Contains(plain.Id.ToString())).ShouldBe(1, "cancelled once, whichever node did it");
        events.Count(p => p.Contains(withOpenTrade.Id.ToString())).ShouldBe(1);
        var page = await (await consumer.Client.GetAsync($"/orders/{plain.Id}")).ShouldHaveStatusAsync(200);
        (await page.Content.ReadAsStringAsync()).Contains("已取消：超时未支付").ShouldBeTrue("the consumer sees why");
        var inbox = await PayflowSteps.WaitForAsync(() => consumer.Client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications")!,
            n => n!.Count(x => x.Title.Contains("超时未支付")) >= 2);
        inbox!.Count(n => n.Title.Contains("超时未支付")).ShouldBe(2);

        Advance(app, second, TimeSpan.FromMinutes(5));
        (await Gateway.WaitUntilPaidAsync(consumer, paidAtGateway.Id)).State.ShouldBe(nameof(OrderState.Paid), "the late notification pays it");

        // A wallet payment racing the job: each order ends paid (wallet debited, voucher issued) or cancelled (nothing taken).
        await app.FundWalletAsync(consumer.Id, 10 * merchant.PriceFen);
        var racing = new List<OrderView>();
        for (var i = 0; i < 5; i++)
        {
            racing.Add(await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1));
        }

        Advance(app, second, TimeSpan.FromMinutes(16));
        var pays = racing.Select(o => consumer.Client.PostAsJsonAsync($"/api/orders/{o.Id}/pay", new PayRequest("wallet"))).ToList();
        await Task.WhenAll(PayflowSteps.UnpaidJob(app).RunOnceAsync(CancellationToken.None), PayflowSteps.UnpaidJob(second).RunOnceAsync(CancellationToken.None));
        var answers = await Task.WhenAll(pays);
        var paidCount = 0;
        for (var i = 0; i < racing.Count; i++)
        {
            var state = (await PayflowSteps.OrderAsync(consumer, racing[i].Id)).State;
            var vouchers = (await Scenario.VouchersAsync(consumer)).Count(v => v.OrderId == racing[i].Id);
            if (state == nameof(OrderState.Paid))
            {
                answers[i].IsSuccessStatusCode.ShouldBeTrue();
                vouchers.ShouldBe(1);
                paidCount++;
            }
            else
            {
                state.ShouldBe(nameof(OrderState.Cancelled));
                ((int)answers[i].StatusCode).ShouldBe(409, "the payment lost to the cancellation");
                vouchers.ShouldBe(0);
            }
        }

        (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen.ShouldBe((10 - paidCount) * merchant.PriceFen, "only paid orders took money");
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>Both nodes' clocks move together, as real nodes share the time.</summary>
    private static void Advance(TestApp first, TestApp second, TimeSpan by)
    {
        first.Clock.Advance(by);
        second.Clock.Advance(by);
    }
}
