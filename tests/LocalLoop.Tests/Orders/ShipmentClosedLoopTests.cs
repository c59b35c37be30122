using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Shipping;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using Xunit;

namespace LocalLoop.Tests.Orders;

/// <summary>
/// Merge and split: two paid orders of one consumer to one address leave as one parcel per warehouse; an order whose
/// lines sit in two warehouses leaves in two parcels and is dispatched when the last one leaves.
/// </summary>
public sealed class ShipmentClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Merged_orders_leave_in_one_parcel_per_warehouse_and_an_order_is_dispatched_when_its_last_parcel_leaves(string database)
    {
        var app = await fixture.For(database);
        var setup = await OrderScenario.StockedMerchantAsync(app, units: 5, skuIndex: 0);
        var owner = setup.Merchant.Owner;
        var shippingWarehouse = await owner.PostAsJsonAsync("/api/merchant/inventory/warehouses", new WarehouseRequest("发货仓", nameof(WarehouseType.Shipping)))
            .ShouldReturnAsync<LocationView>(201);
        await InventoryScenario.ReceiveAsync(owner, shippingWarehouse.Id, setup.Line(1, 5));
        var consumer = await new Scenario(app).NewConsumerAsync();

        async Task<OrderView> PaidOrderAsync(CheckoutRequest request)
        {
            var placed = await OrderScenario.CheckoutAsync(consumer.Client, request).ShouldReturnAsync<CheckoutResult>(201);
            return await OrderScenario.PayWithWalletAsync(consumer.Client, placed.Orders.Single().Id);
        }

        var twoWarehouses = await PaidOrderAsync(OrderScenario.Shipping(OrderScenario.Item(setup, 0, 1), OrderScenario.Item(setup, 1, 1)));
        var sameAddress = await PaidOrderAsync(OrderScenario.Shipping(OrderScenario.Item(setup, 0, 2)));
        var elsewhere = await PaidOrderAsync(OrderScenario.Shipping(OrderScenario.Item(setup, 0, 1)) with { Address = "上海市徐汇区漕溪北路 1 号" });

        await owner.PostAsJsonAsync("/api/merchant/shipments/merge", new MergeRequest([sameAddress.Id, elsewhere.Id])).ShouldBeProblemAsync(409, "different_address");
        var parcels = await owner.PostAsJsonAsync("/api/merchant/shipments/merge", new MergeRequest([twoWarehouses.Id, sameAddress.Id]))
            .ShouldReturnAsync<List<ShipmentView>>();
        parcels.Count.ShouldBe(2, "one parcel per warehouse the lines are held at");
        var standbyParcel = parcels.Single(p => p.LocationId == setup.Standby.Id);
        var shippingParcel = parcels.Single(p => p.LocationId == shippingWarehouse.Id);
        standbyParcel.Lines.Select(l => (l.OrderId, l.Quantity)).ShouldBeEquivalentTo([(twoWarehouses.Id, 1), (sameAddress.Id, 2)]);
        shippingParcel.Lines.Single().OrderId.ShouldBe(twoWarehouses.Id);

        await owner.PostAsJsonAsync($"/api/merchant/shipments/split/{twoWarehouses.Id}", new SplitRequest(null)).ShouldBeProblemAsync(409, "already_planned");
        await OrderScenario.ProgressAsync(owner, twoWarehouses.Id, OrderState.Dispatched).ShouldBeProblemAsync(409, "shipped_in_parcels");
        await owner.PostAsJsonAsync($"/api/merchant/shipments/{standbyParcel.Id}/dispatch", new DispatchRequest(" ")).ShouldBeProblemAsync(400);

        var left = await owner.PostAsJsonAsync($"/api/merchant/shipments/{standbyParcel.Id}/dispatch", new DispatchRequest("SF1000000001")).ShouldReturnAsync<ShipmentView>();
        (left.State, left.TrackingNumber).ShouldBe(("Dispatched", "SF1000000001"));
        (await StateOf(consumer, sameAddress.Id)).ShouldBe("Dispatched", "all of its lines have left");
        (await StateOf(consumer, twoWarehouses.Id)).ShouldBe("Paid", "one of its lines is still in the other warehouse");
        (await InventoryScenario.LevelAsync(owner, setup.Standby.Id, setup.Sku(0).Id)).OnHand.ShouldBe(2, "5 received, 3 left in the parcel; the third order's unit is held, not sold");

        await owner.PostAsJsonAsync($"/api/merchant/shipments/{shippingParcel.Id}/dispatch", new DispatchRequest("SF1000000002")).ShouldReturnAsync<ShipmentView>();
        (await StateOf(consumer, twoWarehouses.Id)).ShouldBe("Dispatched");
        await owner.PostAsJsonAsync($"/api/merchant/shipments/{shippingParcel.Id}/dispatch", new DispatchRequest("SF1000000002")).ShouldBeProblemAsync(409, "shipment_dispatched");
        await owner.DeleteAsync($"/api/merchant/shipments/{shippingParcel.Id}").ShouldBeProblemAsync(409, "shipment_dispatched");

        // The order to the other address is split into batches on its own, then one parcel taken apart and planned again.
        var split = await owner.PostAsJsonAsync($"/api/merchant/shipments/split/{elsewhere.Id}", new SplitRequest([[1]])).ShouldReturnAsync<List<ShipmentView>>();
        await owner.PostAsJsonAsync($"/api/merchant/shipments/split/{elsewhere.Id}", new SplitRequest([[1], [2]])).ShouldBeProblemAsync(400);
        await (await owner.DeleteAsync($"/api/merchant/shipments/{split.Single().Id}")).ShouldHaveStatusAsync(204);
        (await owner.PostAsJsonAsync($"/api/merchant/shipments/split/{elsewhere.Id}", new SplitRequest(null)).ShouldReturnAsync<List<ShipmentView>>()).Count.ShouldBe(1);

        await consumer.Client.PostAsync($"/api/orders/{twoWarehouses.Id}/confirm-receipt", null).ShouldReturnAsync<OrderView>();
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task The_packing_page_merges_two_orders_into_a_parcel_and_dispatches_it_and_says_why_when_it_cannot()
    {
        var app = await fixture.For(TestDatabases.Sqlite);
        var setup = await OrderScenario.StockedMerchantAsync(app, units: 5);
        var consumer = await new Scenario(app).NewConsumerAsync();
        var orders = new List<Guid>();
        foreach (var quantity in new[] { 1, 2 })
        {
            var placed = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(setup, 0, quantity))).ShouldReturnAsync<CheckoutResult>(201);
            orders.Add((await OrderScenario.PayWithWalletAsync(consumer.Client, placed.Orders.Single().Id)).Id);
        }

        var owner = setup.Merchant.Owner;
        var page = await owner.GetStringAsync("/merchant/shipments");
        orders.All(id => page.Contains($"data-order=\"{id}\"", StringComparison.Ordinal)).ShouldBeTrue("both paid orders wait to be packed");

        var refused = await PageForms.PostAsync(owner, "/merchant/shipments", "Merge", new() { ["orderIds[0]"] = orders[0].ToString() });
        ((int)refused.StatusCode).ShouldBe(200);
        (await refused.Content.ReadAsStringAsync()).Contains("请选择 2 到", StringComparison.Ordinal).ShouldBeTrue("one order cannot be merged, and the page says so");

        var merged = await PageForms.PostAsync(owner, "/merchant/shipments", "Merge", new() { ["orderIds[0]"] = orders[0].ToString(), ["orderIds[1]"] = orders[1].ToString() });
        ((int)merged.StatusCode).ShouldBe(302);
        var parcel = (await owner.GetFromJsonAsync<List<ShipmentView>>("/api/merchant/shipments?state=Open"))!.Single();
        parcel.Lines.Count.ShouldBe(2);

        var sent = await PageForms.PostAsync(owner, "/merchant/shipments", "Dispatch", new() { ["shipmentId"] = parcel.Id.ToString(), ["trackingNumber"] = "YT8800000001" });
        ((int)sent.StatusCode).ShouldBe(302);
        foreach (var id in orders)
        {
            (await StateOf(consumer, id)).ShouldBe("Dispatched");
        }

        (await owner.GetStringAsync("/merchant/shipments")).Contains("YT8800000001", StringComparison.Ordinal).ShouldBeTrue("the parcel is listed as dispatched");
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    private static async Task<string> StateOf(Consumer consumer, Guid orderId) =>
        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}"))!.State;
}
