using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace LocalLoop.Tests.Payflow;

/// <summary>
/// The sandbox gateway's test console, as tests and the demo use it: a declined payment, a payment that hangs (no
/// notification, the query says Processing) and a late notification — each answered consistently by the query API,
/// each leaving the order in a state the consumer can act on.
/// </summary>
public sealed class GatewayFaultClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Fail_timeout_and_late_notification_switches_behave_like_a_real_gateway(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 4_321);
        var consumer = await scenario.NewConsumerAsync(walletFen: 0);

        // Fail, for this amount, once: the cashier shows the decline, the query says Failed, the order stays payable.
        var fail = await PayflowSteps.SetFaultAsync(app, new GatewayFaultRequest("Fail", 4_321, null, null, 1));
        var declined = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        (await PayflowSteps.ConfirmAndStayOnCashierAsync(app, await PayflowSteps.PayByGatewayAsync(consumer, declined.Id))).ShouldBe(nameof(SandboxTradeState.Failed));
        var failedPayment = await Gateway.PaymentOfAsync(app, declined.Id);
        (await PayflowSteps.QueryAsync(app, failedPayment.TradeNo)).State.ShouldBe(nameof(SandboxTradeState.Failed));
        (await PayflowSteps.OrderAsync(consumer, declined.Id)).State.ShouldBe(nameof(OrderState.PendingPayment));
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        (await admin.GetFromJsonAsync<List<GatewayFaultSwitch>>("/api/admin/sandbox-gateway/faults"))!.Single(f => f.Id == fail.Id).RemainingUses.ShouldBe(0, "the switch was for one payment");
        // Paying again starts a new trade, which goes through.
        await Gateway.ConfirmOnCashierAsync(app, await PayflowSteps.PayByGatewayAsync(consumer, declined.Id));
        (await Gateway.WaitUntilPaidAsync(consumer, declined.Id)).State.ShouldBe(nameof(OrderState.Paid));

        // Timeout, for this merchant: no notification, the query keeps saying Processing; cancelling closes the trade.
        var timeout = await PayflowSteps.SetFaultAsync(app, new GatewayFaultRequest("Timeout", null, merchant.MerchantId.ToString(), null, null));
        var hanging = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        (await PayflowSteps.ConfirmAndStayOnCashierAsync(app, await PayflowSteps.PayByGatewayAsync(consumer, hanging.Id))).ShouldBe(nameof(SandboxTradeState.Processing));
        var hangingPayment = await Gateway.PaymentOfAsync(app, hanging.Id);
        await Notifier(app).NotifyDueAsync(CancellationToken.None);
        (await PayflowSteps.QueryAsync(app, hangingPayment.TradeNo)).State.ShouldBe(nameof(SandboxTradeState.Processing));
        (await PayflowSteps.OrderAsync(consumer, hanging.Id)).State.ShouldBe(nameof(OrderState.PendingPayment));
        await (await consumer.Client.PostAsync($"/api/orders/{hanging.Id}/cancel", null)).ShouldHaveStatusAsync(204);
        (await PayflowSteps.QueryAsync(app, hangingPayment.TradeNo)).State.ShouldBe(nameof(SandboxTradeState.Closed));
        (await PayflowSteps.OrderAsync(consumer, hanging.Id)).State.ShouldBe(nameof(OrderState.Cancelled));
        await (await admin.DeleteAsync($"/api/admin/sandbox-gateway/faults/{timeout.Id}")).ShouldHaveStatusAsync(204);

        // Notify late by ten minutes: the query says Paid at once, the order waits and cannot be cancelled, then is paid.
        await PayflowSteps.SetFaultAsync(app, new GatewayFaultRequest("NotifyLate", null, null, 600, 1));
        var late = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 2);
        await Gateway.ConfirmOnCashierAsync(app, await PayflowSteps.PayByGatewayAsync(consumer, late.Id));
        var latePayment = await Gateway.PaymentOfAsync(app, late.Id);
        (await PayflowSteps.QueryAsync(app, latePayment.TradeNo)).State.ShouldBe(nameof(SandboxTradeState.Paid));
        await Notifier(app).NotifyDueAsync(CancellationToken.None);
        (await PayflowSteps.OrderAsync(consumer, late.Id)).State.ShouldBe(nameof(OrderState.PendingPayment), "the notification is not due yet");
        await consumer.Client.PostAsync($"/api/orders/{late.Id}/cancel", null).ShouldBeProblemAsync(409, "gateway_payment_in_progress");
        app.Clock.Advance(TimeSpan.FromSeconds(601));
        (await Gateway.WaitUntilPaidAsync(consumer, late.Id)).State.ShouldBe(nameof(OrderState.Paid));
        (await Scenario.VouchersAsync(consumer)).Count(v => v.OrderId == late.Id).ShouldBe(2);

        var console = await (await admin.GetAsync("/admin/sandbox-gateway")).ShouldHaveStatusAsync(200);
        (await console.Content.ReadAsStringAsync()).Contains("faults-table").ShouldBeTrue("the console lists the switches");
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>The gateway's notification sender, to run one pass now.</summary>
    private static SandboxNotifier Notifier(TestApp app) => app.Services.GetServices<IHostedService>().OfType<SandboxNotifier>().Single();
}
