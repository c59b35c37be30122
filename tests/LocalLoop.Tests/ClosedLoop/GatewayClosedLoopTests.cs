using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>The loop paid through the sandbox gateway: hosted cashier, signed asynchronous notification, vouchers, verification, and a refund back through the gateway.</summary>
public sealed class GatewayClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Paying_on_the_gateway_cashier_issues_vouchers_after_the_signed_notification_and_refunds_go_back_through_the_gateway(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 12_800);
        var consumer = await scenario.NewConsumerAsync(walletFen: 0);

        var order = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 2);
        var pay = await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("gateway")).ShouldReturnAsync<PayResult>();
        (pay.CashierUrl ?? "").StartsWith("/sandbox-gateway/cashier/", StringComparison.Ordinal).ShouldBeTrue("the consumer is sent to the gateway's hosted cashier");
        pay.OrderState.ShouldBe(nameof(OrderState.PendingPayment));
        (await Scenario.VouchersAsync(consumer)).Count.ShouldBe(0, "no vouchers before the gateway confirms");

        await Gateway.ConfirmOnCashierAsync(app, pay.CashierUrl!);
        var paid = await Gateway.WaitUntilPaidAsync(consumer, order.Id);
        paid.State.ShouldBe(nameof(OrderState.Paid), "the gateway's signed notification completes the order");

        var vouchers = await Scenario.VouchersAsync(consumer);
        vouchers.Count(v => v.OrderId == order.Id).ShouldBe(2);
        var payment = await Gateway.PaymentOfAsync(app, order.Id);
        // The log is written after the payment commits, so the order can read Paid a moment before its notification is logged.
        var accepted = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); accepted == 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            accepted = await app.WithDbAsync(db => db.GatewayNotifications.CountAsync(n => n.Accepted && n.Body.Contains(payment.TradeNo)));
        }

        (accepted >= 1).ShouldBeTrue("the notification is logged");

        await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code)).ShouldHaveStatusAsync(200);

        var refund = await consumer.Client.PostAsync($"/api/me/vouchers/{vouchers[1].Id}/refund", null).ShouldReturnAsync<RefundResult>();
        refund.Method.ShouldBe("gateway");
        refund.Status.ShouldBe("succeeded");
        var trade = await app.Anonymous().GetFromJsonAsync<TradeState>($"/sandbox-gateway/api/trades/{payment.TradeNo}");
        trade!.RefundedFen.ShouldBe(12_800L, "the gateway refunded exactly one voucher's value");
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(12_800L - 640);

        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_on_the_cashier_leaves_the_order_unpaid_and_it_can_then_be_paid_from_the_wallet(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(walletFen: 20_000);
        var order = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        var pay = await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("gateway")).ShouldReturnAsync<PayResult>();

        await Gateway.ConfirmOnCashierAsync(app, pay.CashierUrl!, button: "cancel");
        await Task.Delay(500);
        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{order.Id}"))!.State.ShouldBe(nameof(OrderState.PendingPayment));

        await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("wallet")).ShouldReturnAsync<PayResult>();
        (await Scenario.VouchersAsync(consumer)).Count.ShouldBe(1);
        await app.AssertLedgerBalancedAsync();
    }

    private sealed record TradeState(string TransactionId, string MerchantTradeNo, long AmountFen, long RefundedFen, string State);
}
