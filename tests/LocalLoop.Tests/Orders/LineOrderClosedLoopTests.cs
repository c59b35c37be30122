using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using Xunit;

namespace LocalLoop.Tests.Orders;

/// <summary>
/// The loop for goods: a cart across two merchants splits into two orders at checkout, stock is held, payment goes to
/// escrow, dispatch sells the stock, receipt pays the merchant minus commission; cancelling gives the stock back.
/// </summary>
public sealed class LineOrderClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_cart_across_two_merchants_becomes_two_orders_that_hold_stock_and_settle_on_receipt(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 10, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 2);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 100_000);

        await consumer.Client.PutAsJsonAsync("/api/cart/items", OrderScenario.Item(a, 0, 2)).ShouldReturnAsync<CartView>();
        var cart = await consumer.Client.PutAsJsonAsync("/api/cart/items", OrderScenario.Item(b, 2, 1)).ShouldReturnAsync<CartView>();
        cart.Merchants.Select(m => (m.MerchantId, m.SubtotalFen)).ShouldBeEquivalentTo([(a.Merchant.MerchantId, 19_800L), (b.Merchant.MerchantId, 10_900L)]);
        cart.TotalFen.ShouldBe(30_700);

        var checkout = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping()).ShouldReturnAsync<CheckoutResult>(201);
        checkout.Orders.Count.ShouldBe(2);
        checkout.TotalFen.ShouldBe(30_700);
        var orderA = checkout.Orders.Single(o => o.MerchantId == a.Merchant.MerchantId);
        var orderB = checkout.Orders.Single(o => o.MerchantId == b.Merchant.MerchantId);
        (orderA.Kind, orderA.Channel, orderA.State, orderA.TotalFen).ShouldBe(("Shipping", "App", "PendingPayment", 19_800L));
        var line = orderA.Lines.Single();
        (line.Title, line.Spec, line.Quantity, line.UnitPriceFen, line.AmountFen, line.CommissionRateBasisPoints).ShouldBe(("纯棉圆领T恤", "M / 白", 2, 9_900L, 19_800L, 500));
        (await consumer.Client.GetFromJsonAsync<CartView>("/api/cart"))!.ItemCount.ShouldBe(0, "checking out the cart empties it");
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(8, "placing the order holds its stock");

        (await consumer.Client.GetFromJsonAsync<List<OrderView>>($"/api/checkouts/{checkout.CheckoutId}"))!.Count.ShouldBe(2);

        (await OrderScenario.PayWithWalletAsync(consumer.Client, orderA.Id)).State.ShouldBe("Paid");
        (await OrderScenario.PayWithWalletAsync(consumer.Client, orderB.Id)).State.ShouldBe("Paid");
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(consumer.Id))).ShouldBe(100_000 - 30_700);

        // Merchant A ships: the held units leave the warehouse. Another merchant cannot touch A's order.
        await OrderScenario.ProgressAsync(b.Merchant.Owner, orderA.Id, OrderState.Dispatched).ShouldBeProblemAsync(404);
        await OrderScenario.ProgressAsync(a.Merchant.Clerk, orderA.Id, OrderState.Completed).ShouldBeProblemAsync(409, "invalid_order_state");
        (await OrderScenario.ProgressAsync(a.Merchant.Clerk, orderA.Id, OrderState.Dispatched).ShouldReturnAsync<OrderView>()).State.ShouldBe("Dispatched");
        var level = await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id);
        (level.OnHand, level.Reserved, level.Available).ShouldBe((8, 0, 8));
        var pendingBefore = await app.AccountBalanceAsync(Accounts.MerchantPending(a.Merchant.MerchantId));

        var received = await consumer.Client.PostAsync($"/api/orders/{orderA.Id}/confirm-receipt", null).ShouldReturnAsync<OrderView>();
        received.State.ShouldBe("Completed");
        (await app.AccountBalanceAsync(Accounts.MerchantPending(a.Merchant.MerchantId)) - pendingBefore).ShouldBe(19_800 - 990, "the merchant earns the order less 5 % commission");
        await consumer.Client.PostAsync($"/api/orders/{orderA.Id}/confirm-receipt", null).ShouldBeProblemAsync(409, "not_dispatched");

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Cancelling_an_unpaid_order_releases_its_stock_and_an_order_that_cannot_be_served_whole_holds_nothing(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 3);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 1);
        var consumer = await new Scenario(app).NewConsumerAsync();

        // Two units of B's last one: the whole checkout is refused, and A's stock is not held either.
        await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(a, 0, 2), OrderScenario.Item(b, 0, 2)))
            .ShouldBeProblemAsync(409, "out_of_stock");
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(3);

        var placed = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(a, 0, 3))).ShouldReturnAsync<CheckoutResult>(201);
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(0);
        await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(a, 0, 1))).ShouldBeProblemAsync(409, "out_of_stock");

        await (await consumer.Client.PostAsync($"/api/orders/{placed.Orders[0].Id}/cancel", null)).ShouldHaveStatusAsync(204);
        var level = await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id);
        (level.OnHand, level.Reserved, level.Available).ShouldBe((3, 0, 3), "cancelling gives the held units back");
        await consumer.Client.PostAsJsonAsync($"/api/orders/{placed.Orders[0].Id}/pay", new PayRequest("wallet")).ShouldBeProblemAsync(409, "order_not_payable");

        // Left unpaid past the limit, an order is cancelled by the job and its stock comes back the same way.
        var forgotten = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(a, 0, 2))).ShouldReturnAsync<CheckoutResult>(201);
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(1);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await PayflowSteps.UnpaidJob(app).RunOnceAsync(CancellationToken.None);
        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{forgotten.Orders[0].Id}"))!.State.ShouldBe("Cancelled");
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(3);

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Placing_and_paying_from_the_wallet_in_one_request_pays_every_order_or_changes_nothing(string database)
    {
        var app = await fixture.For(database);
        var a = await OrderScenario.StockedMerchantAsync(app, units: 10, skuIndex: 0);
        var b = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 2);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 30_000);
        var both = OrderScenario.Shipping(OrderScenario.Item(a, 0, 2), OrderScenario.Item(b, 2, 1)) with { PayFromWallet = true };

        // ¥307 of goods against ¥300 in the wallet: refused whole — no order, no stock held, nothing debited.
        await OrderScenario.CheckoutAsync(consumer.Client, both).ShouldBeProblemAsync(409, "insufficient_balance");
        await OrderScenario.CheckoutAsync(consumer.Client, both with { CashOnDelivery = true }).ShouldBeProblemAsync(400);
        (await consumer.Client.GetFromJsonAsync<List<OrderView>>("/api/orders"))!.Count.ShouldBe(0);
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(10);
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(consumer.Id))).ShouldBe(30_000);

        var paid = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(a, 0, 2)) with { PayFromWallet = true })
            .ShouldReturnAsync<CheckoutResult>(201);
        var order = paid.Orders.Single();
        (order.State, order.TotalFen).ShouldBe(("Paid", 19_800L));
        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{order.Id}"))!.State.ShouldBe("Paid");
        (await app.AccountBalanceAsync(Accounts.ConsumerWallet(consumer.Id))).ShouldBe(30_000 - 19_800);
        (await InventoryScenario.LevelAsync(a.Merchant.Owner, a.Standby.Id, a.Sku(0).Id)).Available.ShouldBe(8, "the paid order holds its units");
        await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("wallet")).ShouldBeProblemAsync(409, "order_not_payable");

        // The merchant takes it from there as from any paid order: dispatch sells the held units, receipt settles.
        (await OrderScenario.ProgressAsync(a.Merchant.Clerk, order.Id, OrderState.Dispatched).ShouldReturnAsync<OrderView>()).State.ShouldBe("Dispatched");
        (await consumer.Client.PostAsync($"/api/orders/{order.Id}/confirm-receipt", null).ShouldReturnAsync<OrderView>()).State.ShouldBe("Completed");

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
