using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using LocalLoop.Tests.Orders;
using Xunit;

namespace LocalLoop.Tests.Payments2;

/// <summary>
/// A checkout across two merchants is paid at once: part from the wallet (held until the gateway confirms), the rest
/// through one cashier page; both orders become paid, each with a payment per method. A declined gateway part gives the
/// hold back; the wallet alone pays at once. Cash on delivery runs its loop with the merchant owing the commission.
/// </summary>
public sealed class CheckoutPaymentClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_merchants_in_one_checkout_are_paid_half_from_the_wallet_and_half_through_one_cashier(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 10, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 2);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 20_000);
        var escrowBefore = await app.AccountBalanceAsync(Accounts.PlatformEscrow);
        var checkout = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);
        checkout.TotalFen.ShouldBe(30_700);

        var step = await consumer.Client.GetFromJsonAsync<CheckoutPayStep>($"/api/checkouts/{checkout.CheckoutId}/pay-step");
        (step!.UnpaidFen, step.WalletBalanceFen, step.MaxWalletFen, step.Orders.Count, step.Payment).ShouldBe((30_700L, 20_000L, 20_000L, 2, (CheckoutPaymentView?)null));
        await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 30_701).ShouldBeProblemAsync(400);
        await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 30_700).ShouldBeProblemAsync(409, "insufficient_balance");

        var started = await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 15_350).ShouldReturnAsync<CheckoutPaymentView>();
        (started.State, started.WalletFen, started.GatewayFen).ShouldBe(("Pending", 15_350L, 15_350L));
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(20_000 - 15_350, "the wallet part is debited at once");
        (await CheckoutPaySteps.StatesAsync(consumer, checkout.CheckoutId)).All(s => s == "PendingPayment").ShouldBeTrue("until the gateway confirms");

        await Gateway.ConfirmOnCashierAsync(app, started.CashierUrl!);
        var paid = await PayflowSteps.WaitForAsync(() => CheckoutPaySteps.LatestAsync(consumer, checkout.CheckoutId), p => p.State == "Succeeded");
        paid.State.ShouldBe("Succeeded");
        (await CheckoutPaySteps.StatesAsync(consumer, checkout.CheckoutId)).All(s => s == "Paid").ShouldBeTrue();
        var trade = await PayflowSteps.QueryAsync(app, (await CheckoutPaySteps.RowAsync(app, started.Id)).TradeNo);
        (trade.AmountFen, trade.State).ShouldBe((15_350L, nameof(SandboxTradeState.Paid)), "one gateway trade for both orders");

        // Each order has a wallet and a gateway payment that add up to its total, so a refund can go back the way the money came.
        foreach (var order in checkout.Orders)
        {
            var payments = await CheckoutPaySteps.PaymentsOfAsync(app, order.Id);
            payments.Select(p => p.Method).Order().ShouldBeEquivalentTo([PaymentMethod.Wallet, PaymentMethod.SandboxGateway]);
            payments.Sum(p => p.AmountFen).ShouldBe(order.TotalFen);
            payments.Single(p => p.Method == PaymentMethod.Wallet).AmountFen.ShouldBe(order.TotalFen / 2, "half of each order came from the wallet");
            payments.Single(p => p.Method == PaymentMethod.SandboxGateway).GatewayTransactionId.ShouldBe(trade.TransactionId);
        }

        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(20_000 - 15_350, "reduced by exactly the wallet part");
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(consumer.Id))).ShouldBe(20_000 - 15_350);
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(0, "the hold moved to escrow");
        (await app.AccountBalanceAsync(Accounts.PlatformEscrow) - escrowBefore).ShouldBe(30_700);
        await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 0).ShouldBeProblemAsync(409, "checkout_not_payable");

        // The orders go on like any paid order: A ships, the consumer receives, A is paid less commission.
        (await OrderScenario.ProgressAsync(a.Merchant.Clerk, checkout.Orders.Single(o => o.MerchantId == a.Merchant.MerchantId).Id, OrderState.Dispatched)
            .ShouldReturnAsync<OrderView>()).State.ShouldBe("Dispatched");
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_declined_gateway_part_gives_the_hold_back_and_the_wallet_alone_then_pays_at_once(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 10, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 2);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 40_000);
        var checkout = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);

        // An odd split, so the remainder-exact shares are tested too; the gateway declines its part.
        await PayflowSteps.SetFaultAsync(app, new GatewayFaultRequest("Fail", 30_700 - 10_001, null, null, 1));
        var started = await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 10_001).ShouldReturnAsync<CheckoutPaymentView>();
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(40_000 - 10_001);
        (await PayflowSteps.ConfirmAndStayOnCashierAsync(app, started.CashierUrl!)).ShouldBe(nameof(SandboxTradeState.Failed));

        var given = await CheckoutPaySteps.LatestAsync(consumer, checkout.CheckoutId);
        given.State.ShouldBe("Cancelled", "a declined trade is given up when the consumer comes back");
        (await CheckoutPaySteps.LatestAsync(consumer, checkout.CheckoutId)).State.ShouldBe("Cancelled");
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(40_000, "the hold went back, once");
        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(0);

        // A second attempt with the cashier open, then the wallet pays everything: the open trade is closed, its hold returned.
        var second = await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 7_000).ShouldReturnAsync<CheckoutPaymentView>();
        var walletOnly = await CheckoutPaySteps.PayAsync(consumer, checkout.CheckoutId, 30_700).ShouldReturnAsync<CheckoutPaymentView>();
        (walletOnly.State, walletOnly.CashierUrl).ShouldBe(("Succeeded", (string?)null));
        (await PayflowSteps.QueryAsync(app, (await CheckoutPaySteps.RowAsync(app, second.Id)).TradeNo)).State.ShouldBe(nameof(SandboxTradeState.Closed));
        (await CheckoutPaySteps.RowAsync(app, second.Id)).State.ShouldBe(CheckoutPaymentState.Cancelled);
        (await CheckoutPaySteps.StatesAsync(consumer, checkout.CheckoutId)).All(s => s == "Paid").ShouldBeTrue();
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(40_000 - 30_700);
        foreach (var order in checkout.Orders)
        {
            (await CheckoutPaySteps.PaymentsOfAsync(app, order.Id)).Select(p => (p.Method, p.AmountFen)).ShouldBeEquivalentTo([(PaymentMethod.Wallet, order.TotalFen)]);
        }

        (await CheckoutPaySteps.HeldAsync(app, consumer.Id)).ShouldBe(0);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Cash_on_delivery_needs_the_merchants_consent_and_the_merchant_owes_the_commission_at_completion(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 5);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 0);
        var cod = OrderScenario.Shipping(OrderScenario.Item(a, 0, 2)) with { Fulfilment = "sameCity", CashOnDelivery = true };
        await OrderScenario.CheckoutAsync(consumer.Client, cod).ShouldBeProblemAsync(409, "cash_on_delivery_unavailable");

        await (await a.Merchant.Clerk.PutAsJsonAsync("/api/merchant/settings/cash-on-delivery", new CashOnDeliverySetting(true))).ShouldHaveStatusAsync(403);
        // The owner ticks the box on the payment settings page.
        var ticked = await PageForms.PostAsync(a.Merchant.Owner, "/merchant/settings/payment", "", new() { ["AllowsCashOnDelivery"] = "true" });
        ((int)ticked.StatusCode is 200 or 302).ShouldBeTrue($"the settings page saves (got {(int)ticked.StatusCode})");
        (await a.Merchant.Owner.GetStringAsync("/merchant/settings/payment")).Contains("checked=\"checked\"", StringComparison.Ordinal).ShouldBeTrue("the box shows ticked");
        (await a.Merchant.Owner.GetFromJsonAsync<CashOnDeliverySetting>("/api/merchant/settings/cash-on-delivery"))!.Allowed.ShouldBeTrue();

        var order = (await OrderScenario.CheckoutAsync(consumer.Client, cod).ShouldReturnAsync<CheckoutResult>(201)).Orders.Single();
        (order.State, order.Kind, order.CashOnDelivery).ShouldBe(("PayOnDelivery", "SameCityDelivery", true));
        var pendingBefore = await app.AccountBalanceAsync(Accounts.MerchantPending(a.Merchant.MerchantId));
        var revenueBefore = await app.AccountBalanceAsync(Accounts.PlatformRevenue);
        foreach (var next in new[] { OrderState.Accepted, OrderState.Dispatched, OrderState.Completed })
        {
            (await OrderScenario.ProgressAsync(a.Merchant.Clerk, order.Id, next).ShouldReturnAsync<OrderView>()).State.ShouldBe(next.ToString());
        }

        var commission = order.TotalFen * 5 / 100;
        (await app.AccountBalanceAsync(Accounts.MerchantPending(a.Merchant.MerchantId)) - pendingBefore).ShouldBe(-commission, "the cash went to the merchant; it owes the commission");
        (await app.AccountBalanceAsync(Accounts.PlatformRevenue) - revenueBefore).ShouldBe(commission);
        ((await PayflowSteps.OrderAsync(consumer, order.Id)).PaidAt is not null).ShouldBeTrue("the cash was collected at completion");
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).OnHand.ShouldBe(3);

        // The merchant can take cash on delivery back; new orders are refused again.
        await a.Merchant.Owner.PutAsJsonAsync("/api/merchant/settings/cash-on-delivery", new CashOnDeliverySetting(false)).ShouldReturnAsync<CashOnDeliverySetting>();
        await OrderScenario.CheckoutAsync(consumer.Client, cod).ShouldBeProblemAsync(409, "cash_on_delivery_unavailable");
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
