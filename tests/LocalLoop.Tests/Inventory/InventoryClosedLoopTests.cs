using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Inventory;

/// <summary>
/// The stock of one merchant through a working week, as warehouse staff and a manager read it through the API:
/// a purchase comes in, moves to a store and the defective warehouse, part goes back to the supplier, orders reserve,
/// commit and release, and a stocktake finds a shortage while goods were still moving.
/// </summary>
public sealed class InventoryClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Receipt_transfer_reservations_and_stocktake_keep_levels_and_journal_in_step(string database)
    {
        var app = await fixture.For(database);
        var setup = await InventoryScenario.NewAsync(app);
        var merchant = setup.Merchant;
        var staff = new StaffScenario(app);
        var warehouse = (await staff.InviteAsync(merchant, Roles.Warehouse)).Client;
        var manager = (await staff.InviteAsync(merchant, Roles.Manager)).Client;
        var store = merchant.HonouringStoreId;
        var shirt = setup.Sku(0).Id;

        // Purchase in: 30 + 10 at ¥40 and ¥45.
        var receipt = await InventoryScenario.ReceiveAsync(warehouse, setup.Standby.Id, setup.Line(0, 30), setup.Line(1, 10, 4_500));
        receipt.Status.ShouldBe(nameof(ReceiptStatus.Received));
        receipt.TotalCostFen.ShouldBe(30 * 4_000L + 10 * 4_500L);
        await warehouse.PostAsync($"/api/merchant/inventory/receipts/{receipt.Id}/receive", null).ShouldBeProblemAsync(409, "receipt_received");
        (await InventoryScenario.LevelAsync(warehouse, setup.Standby.Id, shirt)).OnHand.ShouldBe(30);

        // Transfer 10 to the store, 2 damaged to the defective warehouse, 3 back to the supplier.
        await warehouse.PostAsJsonAsync("/api/merchant/inventory/transfers", new TransferRequest(setup.Standby.Id, store, "门店补货", [setup.Move(0, 10)]))
            .ShouldReturnAsync<TransferResult>();
        await warehouse.PostAsJsonAsync("/api/merchant/inventory/defective", new TransferRequest(setup.Standby.Id, setup.Defective.Id, "破损", [setup.Move(0, 2)]))
            .ShouldReturnAsync<TransferResult>();
        var returned = await warehouse.PostAsJsonAsync($"/api/merchant/inventory/receipts/{receipt.Id}/return", new PurchaseReturnRequest("色差", [new ReturnLineRequest(shirt, 3)]))
            .ShouldReturnAsync<ReceiptView>();
        returned.Lines[0].ReturnedQuantity.ShouldBe(3);
        (await InventoryScenario.LevelAsync(warehouse, setup.Standby.Id, shirt)).OnHand.ShouldBe(15);
        (await InventoryScenario.LevelAsync(warehouse, setup.Defective.Id, shirt)).OnHand.ShouldBe(2);

        // Orders at the store: an alert threshold of 5, two reservations cross it once, commit and release each once.
        await (await warehouse.PutAsJsonAsync($"/api/merchant/inventory/stock/{store}/{shirt}/threshold", new ThresholdRequest(setup.Shirt.Id, 5))).ShouldHaveStatusAsync(204);
        var m = merchant.MerchantId;
        await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, store, setup.Shirt.Id, shirt, 4, "order-1"));
        var second = await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, store, setup.Shirt.Id, shirt, 2, "order-2"));
        (await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, store, setup.Shirt.Id, shirt, 2, "order-2"))).Id.ShouldBe(second.Id);
        var low = await InventoryScenario.LevelAsync(warehouse, store, shirt);
        (low.OnHand, low.Reserved, low.Available, low.Low).ShouldBe((10, 6, 4, true));
        (await InventoryScenario.ReservationsAsync(app, r => r.CommitAsync(m, "order-1"))).Status.ShouldBe(nameof(ReservationStatus.Committed));
        (await InventoryScenario.ReservationsAsync(app, r => r.CommitAsync(m, "order-1"))).Status.ShouldBe(nameof(ReservationStatus.Committed));
        await InventoryScenario.ReservationsAsync(app, r => r.ReleaseAsync(m, "order-2"));
        await InventoryScenario.ReservationsAsync(app, r => r.ReleaseAsync(m, "order-2"));
        var after = await InventoryScenario.LevelAsync(warehouse, store, shirt);
        (after.OnHand, after.Reserved, after.Available, after.Low).ShouldBe((6, 0, 6, false));
        var escapedTitle = System.Text.Json.JsonSerializer.Serialize(setup.Shirt.Live!.Title).Trim('"');
        var alerts = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(o => o.Type == typeof(LowStockReached).FullName && o.Payload.Contains(escapedTitle)));
        alerts.ShouldBe(3, "one alert for the low period to each of owner, warehouse keeper and manager, not one per movement");

        // Stocktake of the warehouse: 5 leave for the store after the sheet was made; 1 shirt is missing at the count.
        var sheet = await warehouse.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(setup.Standby.Id)).ShouldReturnAsync<StocktakeView>(201);
        sheet.Lines.Single(l => l.SkuId == shirt).Expected.ShouldBe(15);
        await warehouse.PostAsJsonAsync("/api/merchant/inventory/transfers", new TransferRequest(setup.Standby.Id, store, null, [setup.Move(0, 5)])).ShouldReturnAsync<TransferResult>();
        var counted = await warehouse.PutAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/counts",
            new CountRequest([new CountLine(shirt, 14), new CountLine(setup.Sku(1).Id, 10)])).ShouldReturnAsync<StocktakeView>();
        counted.Lines.Single(l => l.SkuId == shirt).Variance.ShouldBe(-1);
        counted.Lines.Single(l => l.SkuId == setup.Sku(1).Id).Variance.ShouldBe(0);
        await (await warehouse.PostAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/approve", null)).ShouldHaveStatusAsync(403);
        var approved = await manager.PostAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/approve", null).ShouldReturnAsync<StocktakeView>();
        approved.Status.ShouldBe(nameof(StocktakeStatus.Approved));
        await manager.PostAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/approve", null).ShouldBeProblemAsync(409, "stocktake_approved");
        (await InventoryScenario.LevelAsync(warehouse, setup.Standby.Id, shirt)).OnHand.ShouldBe(9, "15 − 5 moved − 1 missing");
        (await InventoryScenario.LevelAsync(warehouse, setup.Standby.Id, setup.Sku(1).Id)).OnHand.ShouldBe(10);

        // The journal as the movements page reads it, newest first.
        var journal = (await warehouse.GetFromJsonAsync<MovementPage>($"/api/merchant/inventory/movements?locationId={setup.Standby.Id}"))!;
        journal.Items.Select(i => i.Kind).ShouldBeEquivalentTo([nameof(MovementKind.StocktakeAdjustment), nameof(MovementKind.TransferOut), nameof(MovementKind.PurchaseReturn),
            nameof(MovementKind.DefectiveOut), nameof(MovementKind.TransferOut), nameof(MovementKind.PurchaseIn), nameof(MovementKind.PurchaseIn)]);
        var adjustment = journal.Items[0];
        (adjustment.Quantity, adjustment.OnHandAfter, adjustment.Reference).ShouldBe((-1, 9, Stocktaking.Reference(sheet.Id)));
        var sale = (await warehouse.GetFromJsonAsync<MovementPage>($"/api/merchant/inventory/movements?locationId={store}"))!.Items.Single(i => i.Kind == nameof(MovementKind.SalesOut));
        (sale.Quantity, sale.Reference).ShouldBe((-4, "order-1"));

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
