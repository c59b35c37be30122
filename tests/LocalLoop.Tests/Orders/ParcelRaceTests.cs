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
/// Many packers splitting one line at once never put more of its units in parcels than it holds, and its parcels
/// leaving at once each sell their own units, the order becoming Dispatched exactly when the last unit has left.
/// </summary>
public sealed class ParcelRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_splits_of_one_line_never_over_allocate_and_its_parcels_leaving_at_once_sell_exactly_its_units(string database)
    {
        var app = await fixture.For(database);
        var setup = await OrderScenario.StockedMerchantAsync(app, units: 5);
        var consumer = await new Scenario(app).NewConsumerAsync();
        var placed = await OrderScenario.CheckoutAsync(consumer.Client, OrderScenario.Shipping(OrderScenario.Item(setup, 0, 5))).ShouldReturnAsync<CheckoutResult>(201);
        var order = await OrderScenario.PayWithWalletAsync(consumer.Client, placed.Orders.Single().Id);
        var owner = setup.Merchant.Owner;

        var packs = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            owner.PostAsJsonAsync($"/api/merchant/shipments/pack/{order.Id}", new PackRequest([new PackItem(1, 2)])))));
        packs.Count(r => (int)r.StatusCode == 200).ShouldBe(2, "two parcels of 2 fit in 5 units, a third does not");
        packs.Count(r => (int)r.StatusCode == 409).ShouldBe(8);
        var rest = await owner.PostAsJsonAsync($"/api/merchant/shipments/pack/{order.Id}", new PackRequest([new PackItem(1, 1)])).ShouldReturnAsync<ShipmentView>();
        var parcels = (await owner.GetFromJsonAsync<List<ShipmentView>>("/api/merchant/shipments?state=Open"))!;
        parcels.Sum(p => p.Lines.Single().Quantity).ShouldBe(5);

        var dispatched = await Task.WhenAll(parcels.Select((p, i) => Task.Run(() =>
            owner.PostAsJsonAsync($"/api/merchant/shipments/{p.Id}/dispatch", new DispatchRequest($"ZT300000000{i}")))));
        dispatched.Select(r => (int)r.StatusCode).ShouldBeEquivalentTo([200, 200, 200]);
        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{order.Id}"))!.State.ShouldBe("Dispatched", "its last unit has left, whichever parcel was last");
        var level = await InventoryScenario.LevelAsync(owner, setup.Standby.Id, setup.Sku(0).Id);
        (level.OnHand, level.Reserved).ShouldBe((0, 0));
        var sold = await app.WithDbAsync(db => db.StockMovements.Where(m => m.MerchantId == setup.Merchant.MerchantId && m.Kind == MovementKind.SalesOut)
            .Select(m => m.Quantity).ToListAsync());
        sold.Order().ShouldBeEquivalentTo([-2, -2, -1]);
        rest.Lines.Single().Quantity.ShouldBe(1);
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
