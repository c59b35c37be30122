using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Platform;
using LocalLoop.Tests.Catalog;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Inventory;

/// <summary>Quantities that make no sense, unknown SKUs, a transfer to itself and overdraws: refused with clear text in Chinese, stock unchanged.</summary>
public sealed class InventoryBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Bad_quantities_unknown_skus_and_overdraws_are_refused_and_move_nothing()
    {
        var app = await fixture.For(TestDatabases.Sqlite);
        var setup = await InventoryScenario.NewAsync(app);
        var client = setup.Merchant.Owner;
        var standby = setup.Standby.Id;
        var store = setup.Merchant.HonouringStoreId;
        var receipt = await InventoryScenario.ReceiveAsync(client, standby, setup.Line(0, 5));

        Task<HttpResponseMessage> NewReceipt(params ReceiptLineRequest[] lines) =>
            client.PostAsJsonAsync("/api/merchant/inventory/receipts", new ReceiptRequest(standby, "供应商", null, [.. lines]));
        await NewReceipt(setup.Line(0, 0)).ShouldRefuseFieldAsync("quantity");
        await NewReceipt(setup.Line(0, -3)).ShouldRefuseFieldAsync("quantity");
        await NewReceipt(setup.Line(0, 1, -100)).ShouldRefuseFieldAsync("unitCostFen");
        await NewReceipt().ShouldRefuseFieldAsync("lines");
        await NewReceipt(setup.Line(0, 1), setup.Line(0, 2)).ShouldRefuseFieldAsync("lines");
        await NewReceipt(new ReceiptLineRequest(setup.Shirt.Id, Guid.NewGuid(), 1, 100)).ShouldBeProblemAsync(404, "not_found");
        await NewReceipt(new ReceiptLineRequest(Guid.NewGuid(), setup.Sku(0).Id, 1, 100)).ShouldBeProblemAsync(404, "not_found");
        await client.PostAsJsonAsync("/api/merchant/inventory/warehouses", new WarehouseRequest("仓", "Attic")).ShouldRefuseFieldAsync("type");

        Task<HttpResponseMessage> Transfer(Guid from, Guid to, params StockLineRequest[] lines) =>
            client.PostAsJsonAsync("/api/merchant/inventory/transfers", new TransferRequest(from, to, null, [.. lines]));
        await Transfer(standby, standby, setup.Move(0, 1)).ShouldRefuseFieldAsync("toLocationId");
        await Transfer(standby, store, setup.Move(0, 0)).ShouldRefuseFieldAsync("quantity");
        var overdraw = await (await Transfer(standby, store, setup.Move(0, 6))).ShouldHaveStatusAsync(409);
        (await overdraw.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detailZh").GetString().ShouldBe("库存不足：此处可用 5 件，需要 6 件。");
        await client.PostAsJsonAsync("/api/merchant/inventory/defective", new TransferRequest(standby, store, null, [setup.Move(0, 1)])).ShouldRefuseFieldAsync("toLocationId");
        await client.PostAsJsonAsync($"/api/merchant/inventory/receipts/{receipt.Id}/return", new PurchaseReturnRequest(null, [new ReturnLineRequest(setup.Sku(0).Id, 6)]))
            .ShouldBeProblemAsync(409, "return_exceeds_received");
        await client.PutAsJsonAsync($"/api/merchant/inventory/stock/{standby}/{setup.Sku(0).Id}/threshold", new ThresholdRequest(setup.Shirt.Id, -1)).ShouldRefuseFieldAsync("threshold");

        var m = setup.Merchant.MerchantId;
        await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, standby, setup.Shirt.Id, setup.Sku(0).Id, 4, "order-bad"));
        var reserveMore = () => InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, standby, setup.Shirt.Id, setup.Sku(0).Id, 2, "order-bad-2"));
        (await Assert.ThrowsAsync<DomainException>(reserveMore)).Chinese.ShouldBe("库存不足：此处可用 1 件，需要 2 件。");
        var zero = () => InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, standby, setup.Shirt.Id, setup.Sku(0).Id, 0, "order-zero"));
        (await Assert.ThrowsAsync<ValidationException>(zero)).ChineseErrors.ContainsKey("quantity").ShouldBeTrue();
        var otherQuantity = () => InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, standby, setup.Shirt.Id, setup.Sku(0).Id, 1, "order-bad"));
        (await Assert.ThrowsAsync<DomainException>(otherQuantity)).Code.ShouldBe("reference_in_use");
        await Transfer(standby, store, setup.Move(0, 2)).ShouldBeProblemAsync(409, "insufficient_stock"); // 5 on hand, 4 reserved

        var sheet = await client.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(standby)).ShouldReturnAsync<StocktakeView>(201);
        await client.PutAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/counts", new CountRequest([new CountLine(setup.Sku(0).Id, -1)])).ShouldRefuseFieldAsync("counted");
        await client.PutAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/counts", new CountRequest([new CountLine(setup.Sku(1).Id, 1)])).ShouldRefuseFieldAsync("counts");
        await client.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(setup.Shirt.Id, setup.Sku(1).Id, -1)).ShouldRefuseFieldAsync("counted");
        await client.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(setup.Shirt.Id, Guid.NewGuid(), 1)).ShouldBeProblemAsync(404, "not_found");
        await client.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(setup.Shirt.Id, setup.Sku(0).Id, 1)).ShouldBeProblemAsync(409, "already_on_sheet");
        // Counting 2 where 4 are promised to an order: the adjustment would oversell, so the approval is refused as a whole.
        await client.PutAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/counts", new CountRequest([new CountLine(setup.Sku(0).Id, 2)])).ShouldReturnAsync<StocktakeView>();
        await client.PostAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/approve", null).ShouldBeProblemAsync(409, "insufficient_stock");
        await client.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(setup.Defective.Id)).ShouldBeProblemAsync(409, "nothing_to_count");

        var level = await InventoryScenario.LevelAsync(client, standby, setup.Sku(0).Id);
        (level.OnHand, level.Reserved).ShouldBe((5, 4));
        var after = (await client.GetFromJsonAsync<StocktakeView>($"/api/merchant/inventory/stocktakes/{sheet.Id}"))!;
        (after.Status, after.Lines.Count).ShouldBe((nameof(StocktakeStatus.Counting), 1));
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
