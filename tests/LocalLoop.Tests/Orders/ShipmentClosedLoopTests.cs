using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Shipping;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Orders;

/// <summary>
/// Merge and split: two paid orders of one consumer to one address leave as one parcel per warehouse; an order whose
/// lines sit in two warehouses leaves in two parcels and is dispatched when the last one leaves; a line's units leave
/// in several parcels, each selling exactly its units.
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

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_lines_units_leave_in_several_parcels_each_selling_its_own_units_and_the_order_is_dispatched_after_the_last_unit(string database)
    {
        var app = await fixture.For(database);
        var setup = await OrderScenario.StockedMerchantAsync(app, units: 10, skuIndex: 0);
        var owner = setup.Merchant.Owner;
        await InventoryScenario.ReceiveAsync(owner, setup.Standby.Id, setup.Line(1, 2));
        var consumer = await new Scenario(app).NewConsumerAsync();
        var placed = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(setup, 0, 5), OrderScenario.Item(setup, 1, 2)))
            .ShouldReturnAsync<CheckoutResult>(201);
        var order = await OrderScenario.PayWithWalletAsync(consumer.Client, placed.Orders.Single().Id);
        var pack = $"/api/merchant/shipments/pack/{order.Id}";

        // Bad input: nothing chosen, a line the order lacks, more than the line ordered, another merchant's order.
        await owner.PostAsJsonAsync(pack, new PackRequest([])).ShouldBeProblemAsync(400, "validation_failed");
        await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(9, 1)])).ShouldBeProblemAsync(400, "validation_failed");
        await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 6)])).ShouldBeProblemAsync(400, "validation_failed");
        await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 0)])).ShouldBeProblemAsync(400, "validation_failed");
        var stranger = await new Scenario(app).NewMerchantAsync();
        await stranger.Owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 1)])).ShouldBeProblemAsync(404);

        var first = await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 3)])).ShouldReturnAsync<ShipmentView>();
        first.Lines.Single().Quantity.ShouldBe(3);
        var over = await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 3), new PackItem(2, 2)]));
        ((int)over.StatusCode).ShouldBe(409);
        using (var problem = System.Text.Json.JsonDocument.Parse(await over.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("code").GetString().ShouldBe("over_packed");
            problem.RootElement.GetProperty("detail").GetString()!.Contains("has 2 unit(s) left to pack; 3 asked", StringComparison.Ordinal).ShouldBeTrue("says how many are left, in English");
            problem.RootElement.GetProperty("detailZh").GetString()!.Contains("只剩 2 件未打包", StringComparison.Ordinal).ShouldBeTrue("and in Chinese");
        }

        await owner.PostAsJsonAsync($"/api/merchant/shipments/split/{order.Id}", new SplitRequest(null)).ShouldBeProblemAsync(409, "already_planned");
        var second = await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 2), new PackItem(2, 2)])).ShouldReturnAsync<ShipmentView>();
        await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(2, 1)])).ShouldBeProblemAsync(409, "over_packed");

        await owner.PostAsJsonAsync($"/api/merchant/shipments/{first.Id}/dispatch", new DispatchRequest("SF2000000001")).ShouldReturnAsync<ShipmentView>();
        (await StateOf(consumer, order.Id)).ShouldBe("Paid", "two of its units have not left");
        var shirt = await InventoryScenario.LevelAsync(owner, setup.Standby.Id, setup.Sku(0).Id);
        (shirt.OnHand, shirt.Reserved).ShouldBe((7, 2), "3 of the 5 held units sold, 2 still held");
        await consumer.Client.PostAsync($"/api/orders/{order.Id}/cancel", null).ShouldBeProblemAsync(409);
        (await StateOf(consumer, order.Id)).ShouldBe("Paid", "part of the order has left, so it cannot be cancelled for a full refund");

        // The second parcel is taken apart and its units go out in two parcels instead.
        await (await owner.DeleteAsync($"/api/merchant/shipments/{second.Id}")).ShouldHaveStatusAsync(204);
        var third = await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 1), new PackItem(2, 2)])).ShouldReturnAsync<ShipmentView>();
        var last = await owner.PostAsJsonAsync(pack, new PackRequest([new PackItem(1, 1)])).ShouldReturnAsync<ShipmentView>();
        await owner.PostAsJsonAsync($"/api/merchant/shipments/{third.Id}/dispatch", new DispatchRequest("SF2000000002")).ShouldReturnAsync<ShipmentView>();
        (await StateOf(consumer, order.Id)).ShouldBe("Paid", "one unit is still in the warehouse");
        await owner.PostAsJsonAsync($"/api/merchant/shipments/{last.Id}/dispatch", new DispatchRequest("SF2000000003")).ShouldReturnAsync<ShipmentView>();
        (await StateOf(consumer, order.Id)).ShouldBe("Dispatched", "its last unit has left");

        shirt = await InventoryScenario.LevelAsync(owner, setup.Standby.Id, setup.Sku(0).Id);
        (shirt.OnHand, shirt.Reserved).ShouldBe((5, 0));
        var cap = await InventoryScenario.LevelAsync(owner, setup.Standby.Id, setup.Sku(1).Id);
        (cap.OnHand, cap.Reserved).ShouldBe((0, 0));
        var sales = await app.WithDbAsync(db => db.StockMovements.Where(m => m.MerchantId == setup.Merchant.MerchantId && m.Kind == MovementKind.SalesOut)
            .OrderBy(m => m.Id).Select(m => new { m.SkuId, m.Quantity }).ToListAsync());
        sales.Select(m => (m.SkuId, m.Quantity)).ShouldBeEquivalentTo([(setup.Sku(0).Id, -3), (setup.Sku(0).Id, -1), (setup.Sku(1).Id, -2), (setup.Sku(0).Id, -1)]);

        await consumer.Client.PostAsync($"/api/orders/{order.Id}/confirm-receipt", null).ShouldReturnAsync<OrderView>();
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Fact]
    public async Task The_packing_page_packs_part_of_a_line_and_says_in_both_languages_when_too_many_units_are_asked()
    {
        var app = await fixture.For(TestDatabases.Sqlite);
        var setup = await OrderScenario.StockedMerchantAsync(app, units: 5);
        var consumer = await new Scenario(app).NewConsumerAsync();
        var placed = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(setup, 0, 3))).ShouldReturnAsync<CheckoutResult>(201);
        var order = await OrderScenario.PayWithWalletAsync(consumer.Client, placed.Orders.Single().Id);
        var owner = setup.Merchant.Owner;
        Dictionary<string, string> Units(int quantity) => new() { ["orderId"] = order.Id.ToString(), ["items[0].LineNumber"] = "1", ["items[0].Quantity"] = quantity.ToString() };

        (await owner.GetStringAsync("/merchant/shipments")).Contains($"data-pack=\"{order.Id}\"", StringComparison.Ordinal).ShouldBeTrue("the order can be packed by quantity");
        ((int)(await PageForms.PostAsync(owner, "/merchant/shipments", "Pack", Units(2))).StatusCode).ShouldBe(302);
        (await owner.GetFromJsonAsync<List<ShipmentView>>("/api/merchant/shipments?state=Open"))!.Single().Lines.Single().Quantity.ShouldBe(2);

        var refused = await PageForms.PostAsync(owner, "/merchant/shipments", "Pack", Units(2));
        ((int)refused.StatusCode).ShouldBe(200);
        (await refused.Content.ReadAsStringAsync()).Contains("只剩 1 件未打包，本次要打包 2 件", StringComparison.Ordinal).ShouldBeTrue("the page says how many are left");
        await owner.GetAsync("/lang/en?returnUrl=/merchant/shipments");
        var refusedInEnglish = await (await PageForms.PostAsync(owner, "/merchant/shipments", "Pack", Units(2))).Content.ReadAsStringAsync();
        refusedInEnglish.Contains("has 1 unit(s) left to pack; 2 asked", StringComparison.Ordinal).ShouldBeTrue("and in English");
        refusedInEnglish.Contains("2 of 3 packed", StringComparison.Ordinal).ShouldBeTrue("the waiting order shows what is packed");

        ((int)(await PageForms.PostAsync(owner, "/merchant/shipments", "Pack", Units(1))).StatusCode).ShouldBe(302);
        (await owner.GetStringAsync("/merchant/shipments")).Contains($"data-pack=\"{order.Id}\"", StringComparison.Ordinal).ShouldBe(false, "every unit is packed");
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    private static async Task<string> StateOf(Consumer consumer, Guid orderId) =>
        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}"))!.State;
}
