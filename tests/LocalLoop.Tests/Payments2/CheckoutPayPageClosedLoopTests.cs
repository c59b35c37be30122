using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Orders;
using Xunit;

namespace LocalLoop.Tests.Payments2;

/// <summary>The pay step in the browser: the whole checkout paid at once, part from the wallet, the rest on one cashier page.</summary>
public sealed class CheckoutPayPageClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Paying_everything_at_once_sends_the_rest_to_one_cashier_and_both_merchants_orders_are_paid()
    {
        var app = await fixture.For(TestDatabases.Sqlite);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 10, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 2);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 10_000);
        var checkout = await CheckoutPaySteps.CheckoutTwoMerchantsAsync(consumer, a, b);
        var page = $"/checkout/{checkout.CheckoutId}";
        (await consumer.Client.GetStringAsync(page)).Contains("value=\"100.00\"", StringComparison.Ordinal).ShouldBeTrue("the wallet part starts at the balance");

        var refused = await PageForms.PostAsync(consumer.Client, page, "PayAll", new() { ["walletYuan"] = "400" });
        ((int)refused.StatusCode).ShouldBe(200);
        (await refused.Content.ReadAsStringAsync()).Contains("余额支付金额须在", StringComparison.Ordinal).ShouldBeTrue("more than the total is refused on the page");
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(10_000, "and nothing was taken");

        var sent = await PageForms.PostAsync(consumer.Client, page, "PayAll", new() { ["walletYuan"] = "100.00" });
        ((int)sent.StatusCode).ShouldBe(302);
        var cashier = sent.Headers.Location!.ToString();
        cashier.Contains("/sandbox-gateway/", StringComparison.Ordinal).ShouldBeTrue($"sent to the gateway's cashier, not {cashier}");
        (await CheckoutPaySteps.WalletAsync(app, consumer.Id)).ShouldBe(0, "the wallet part is taken at once");

        await Gateway.ConfirmOnCashierAsync(app, cashier);
        foreach (var order in checkout.Orders)
        {
            (await Gateway.WaitUntilPaidAsync(consumer, order.Id)).State.ShouldBe("Paid");
        }

        (await consumer.Client.GetStringAsync(page)).Contains("id=\"checkout-settled\"", StringComparison.Ordinal).ShouldBeTrue();
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
