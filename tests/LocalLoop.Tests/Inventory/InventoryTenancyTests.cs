using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Inventory;

/// <summary>Merchant A's warehouse staff using merchant B's locations, SKUs, receipts and stocktakes: 404 everywhere, B's stock untouched.</summary>
public sealed class InventoryTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_inventory_ids_answer_404_and_change_nothing(string database)
    {
        var app = await fixture.For(database);
        var a = await InventoryScenario.NewAsync(app);
        var b = await InventoryScenario.NewAsync(app);
        var staffOfA = (await new StaffScenario(app).InviteAsync(a.Merchant, Roles.Warehouse)).Client;
        var ownerOfA = a.Merchant.Owner;
        await InventoryScenario.ReceiveAsync(b.Merchant.Owner, b.Standby.Id, b.Line(0, 8));
        var draftOfB = await b.Merchant.Owner.PostAsJsonAsync("/api/merchant/inventory/receipts", new ReceiptRequest(b.Standby.Id, "供应商", null, [b.Line(1, 4)]))
            .ShouldReturnAsync<ReceiptView>(201);
        var sheetOfB = await b.Merchant.Owner.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(b.Standby.Id)).ShouldReturnAsync<StocktakeView>(201);
        var bSku = b.Sku(0).Id;
        await InventoryScenario.ReceiveAsync(ownerOfA, a.Standby.Id, a.Line(0, 8));
        var sheetOfA = await ownerOfA.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(a.Standby.Id)).ShouldReturnAsync<StocktakeView>(201);

        var calls = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("receipt of B", () => staffOfA.GetAsync($"/api/merchant/inventory/receipts/{draftOfB.Id}")),
            ("receive B's receipt", () => staffOfA.PostAsync($"/api/merchant/inventory/receipts/{draftOfB.Id}/receive", null)),
            ("return from B's receipt", () => staffOfA.PostAsJsonAsync($"/api/merchant/inventory/receipts/{draftOfB.Id}/return", new PurchaseReturnRequest(null, [new ReturnLineRequest(b.Sku(1).Id, 1)]))),
            ("receipt into B's warehouse", () => staffOfA.PostAsJsonAsync("/api/merchant/inventory/receipts", new ReceiptRequest(b.Standby.Id, "供应商", null, [a.Line(0, 1)]))),
            ("receipt of B's SKU", () => staffOfA.PostAsJsonAsync("/api/merchant/inventory/receipts", new ReceiptRequest(a.Standby.Id, "供应商", null, [b.Line(0, 1)]))),
            ("transfer out of B's warehouse", () => staffOfA.PostAsJsonAsync("/api/merchant/inventory/transfers", new TransferRequest(b.Standby.Id, a.Standby.Id, null, [b.Move(0, 1)]))),
            ("transfer into B's store", () => staffOfA.PostAsJsonAsync("/api/merchant/inventory/transfers", new TransferRequest(a.Standby.Id, b.Merchant.HonouringStoreId, null, [a.Move(0, 1)]))),
            ("defective into B's warehouse", () => staffOfA.PostAsJsonAsync("/api/merchant/inventory/defective", new TransferRequest(a.Standby.Id, b.Defective.Id, null, [a.Move(0, 1)]))),
            ("threshold on B's level", () => staffOfA.PutAsJsonAsync($"/api/merchant/inventory/stock/{b.Standby.Id}/{bSku}/threshold", new ThresholdRequest(b.Shirt.Id, 3))),
            ("stocktake of B's warehouse", () => staffOfA.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(b.Standby.Id))),
            ("B's stocktake", () => staffOfA.GetAsync($"/api/merchant/inventory/stocktakes/{sheetOfB.Id}")),
            ("count B's stocktake", () => staffOfA.PutAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheetOfB.Id}/counts", new CountRequest([new CountLine(bSku, 0)]))),
            ("add a line to B's stocktake", () => staffOfA.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheetOfB.Id}/lines", new StocktakeLineRequest(a.Shirt.Id, a.Sku(1).Id, 1))),
            ("add B's SKU to a stocktake", () => ownerOfA.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheetOfA.Id}/lines", new StocktakeLineRequest(b.Shirt.Id, b.Sku(1).Id, 1))),
            ("approve B's stocktake", () => ownerOfA.PostAsync($"/api/merchant/inventory/stocktakes/{sheetOfB.Id}/approve", null)),
        };
        foreach (var (what, call) in calls)
        {
            var response = await call();
            ((int)response.StatusCode).ShouldBe(404, $"{what}: {await response.Content.ReadAsStringAsync()}");
        }

        (await staffOfA.GetFromJsonAsync<List<StockRow>>($"/api/merchant/inventory/stock?locationId={b.Standby.Id}"))!.Count.ShouldBe(0);
        (await staffOfA.GetFromJsonAsync<MovementPage>($"/api/merchant/inventory/movements?locationId={b.Standby.Id}"))!.Items.Count.ShouldBe(0);
        var reserve = () => InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(a.Merchant.MerchantId, b.Standby.Id, b.Shirt.Id, bSku, 1, "a-order"));
        (await Assert.ThrowsAsync<DomainException>(reserve)).Status.ShouldBe(404);

        var levelOfB = await InventoryScenario.LevelAsync(b.Merchant.Owner, b.Standby.Id, bSku);
        (levelOfB.OnHand, levelOfB.Reserved, levelOfB.LowStockThreshold).ShouldBe((8, 0, (int?)null));
        (await b.Merchant.Owner.GetFromJsonAsync<ReceiptView>($"/api/merchant/inventory/receipts/{draftOfB.Id}"))!.Status.ShouldBe(nameof(ReceiptStatus.Draft));
        var sheet = (await b.Merchant.Owner.GetFromJsonAsync<StocktakeView>($"/api/merchant/inventory/stocktakes/{sheetOfB.Id}"))!;
        (sheet.Status, sheet.Lines.Single().Counted).ShouldBe((nameof(StocktakeStatus.Counting), (int?)null));
        (await app.WithDbAsync(db => db.StockMovements.CountAsync(m => m.MerchantId == b.Merchant.MerchantId))).ShouldBe(1);
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
