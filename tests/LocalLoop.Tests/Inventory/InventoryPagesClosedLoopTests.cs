using System.Net;
using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Outbox;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Onboarding;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Inventory;

/// <summary>
/// What the warehouse keeper does on the inventory pages beyond receiving: sends part of a delivery back to the supplier
/// (and cannot send back more than came in), adds goods found on the shelf to an open count sheet, which the approval
/// then books; and he, not only the owner, is told once per low-stock period.
/// </summary>
public sealed class InventoryPagesClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Returns_added_sheet_lines_and_low_stock_alerts_reach_the_warehouse_keeper(string database)
    {
        var app = await fixture.For(database);
        var setup = await InventoryScenario.NewAsync(app);
        var staff = new StaffScenario(app);
        var keeperAccount = await staff.InviteAsync(setup.Merchant, Roles.Warehouse);
        var keeper = keeperAccount.Client;
        var manager = (await staff.InviteAsync(setup.Merchant, Roles.Manager)).Client;
        var standby = setup.Standby.Id;
        var shirt = setup.Sku(0).Id;

        // A partial return on the receipts page: 6 of 20 go back; the page shows it, stock and journal follow.
        var receipt = await InventoryScenario.ReceiveAsync(keeper, standby, setup.Line(0, 20), setup.Line(1, 5));
        var receiptsPage = $"/merchant/inventory/receipts?id={receipt.Id}";
        var returned = await PageForms.PostAsync(keeper, receiptsPage, "Return", new() { ["skuId"] = shirt.ToString(), ["quantity"] = "6", ["note"] = "色差" });
        ((int)returned.StatusCode).ShouldBe(302, "the return is done and the page redirects");
        var page = WebUtility.HtmlDecode(await keeper.GetStringAsync("/merchant/inventory/receipts"));
        page.Contains("已退货给供应商，库存已扣减。", StringComparison.Ordinal).ShouldBeTrue("the page says it was done");
        page.Contains("data-returned>6<", StringComparison.Ordinal).ShouldBeTrue("the line shows what was returned");
        (await keeper.GetFromJsonAsync<ReceiptView>($"/api/merchant/inventory/receipts/{receipt.Id}"))!.Lines[0].ReturnedQuantity.ShouldBe(6);
        (await InventoryScenario.LevelAsync(keeper, standby, shirt)).OnHand.ShouldBe(14);
        var journal = (await keeper.GetFromJsonAsync<MovementPage>($"/api/merchant/inventory/movements?locationId={standby}"))!.Items;
        var back = journal[0];
        (back.Kind, back.Quantity, back.OnHandAfter, back.Note, back.Reference).ShouldBe((nameof(MovementKind.PurchaseReturn), -6, 14, "色差", PurchaseReceipts.Reference(receipt.Id)));

        // More than the 14 left of the delivery: refused on the page and by the API, and nothing moves.
        var over = await PageForms.PostAsync(keeper, receiptsPage, "Return", new() { ["skuId"] = shirt.ToString(), ["quantity"] = "15" });
        ((int)over.StatusCode).ShouldBe(200);
        WebUtility.HtmlDecode(await over.Content.ReadAsStringAsync()).Contains("退货数量超过了该入库单的入库数量", StringComparison.Ordinal).ShouldBeTrue("the refusal is on the page");
        await keeper.PostAsJsonAsync($"/api/merchant/inventory/receipts/{receipt.Id}/return", new PurchaseReturnRequest(null, [new ReturnLineRequest(shirt, 15)]))
            .ShouldBeProblemAsync(409, "return_exceeds_received");
        (await keeper.GetFromJsonAsync<ReceiptView>($"/api/merchant/inventory/receipts/{receipt.Id}"))!.Lines[0].ReturnedQuantity.ShouldBe(6);
        (await InventoryScenario.LevelAsync(keeper, standby, shirt)).OnHand.ShouldBe(14);
        (await keeper.GetFromJsonAsync<MovementPage>($"/api/merchant/inventory/movements?locationId={standby}"))!.Items.Count.ShouldBe(journal.Count);

        // A count finds 3 of a SKU with no stock record (API) and 2 of another (page); approval books both.
        var sheet = await keeper.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(standby)).ShouldReturnAsync<StocktakeView>(201);
        var found = await keeper.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(setup.Shirt.Id, setup.Sku(2).Id, 3))
            .ShouldReturnAsync<StocktakeView>(201);
        var line = found.Lines.Single(l => l.SkuId == setup.Sku(2).Id);
        (line.Expected, line.Counted, line.Variance).ShouldBe((0, (int?)3, (int?)3));
        await keeper.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(setup.Shirt.Id, setup.Sku(2).Id, 4))
            .ShouldBeProblemAsync(409, "already_on_sheet");
        var sheetPage = $"/merchant/inventory/stocktakes/{sheet.Id}";
        var added = await PageForms.PostAsync(keeper, sheetPage, "AddLine", new() { ["sku"] = $"{setup.Shirt.Id}:{setup.Sku(3).Id}", ["counted"] = "2" });
        ((int)added.StatusCode).ShouldBe(302, "the SKU is added and the page redirects");
        var other = await InventoryScenario.NewAsync(app);
        await other.Merchant.Owner.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(other.Shirt.Id, other.Sku(0).Id, 1))
            .ShouldBeProblemAsync(404, "not_found");
        await keeper.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(other.Shirt.Id, other.Sku(0).Id, 1))
            .ShouldBeProblemAsync(404, "not_found");
        await manager.PostAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/approve", null).ShouldReturnAsync<StocktakeView>();
        (await InventoryScenario.LevelAsync(keeper, standby, setup.Sku(2).Id)).OnHand.ShouldBe(3);
        (await InventoryScenario.LevelAsync(keeper, standby, setup.Sku(3).Id)).OnHand.ShouldBe(2);
        (await InventoryScenario.LevelAsync(keeper, standby, shirt)).OnHand.ShouldBe(14, "left uncounted, not adjusted");
        var adjustments = (await keeper.GetFromJsonAsync<MovementPage>($"/api/merchant/inventory/movements?locationId={standby}"))!.Items
            .Where(i => i.Kind == nameof(MovementKind.StocktakeAdjustment)).ToList();
        adjustments.Select(a => (a.SkuId, a.Quantity, a.OnHandAfter)).OrderBy(a => a.Quantity).ShouldBeEquivalentTo([(setup.Sku(3).Id, 2, 2), (setup.Sku(2).Id, 3, 3)]);

        // After approval the sheet is closed to additions, on the page and by the API.
        await keeper.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(setup.Shirt.Id, setup.Sku(1).Id, 1))
            .ShouldBeProblemAsync(409, "stocktake_approved");
        (await keeper.GetFromJsonAsync<StocktakeView>($"/api/merchant/inventory/stocktakes/{sheet.Id}"))!.Lines.Count.ShouldBe(4);
        (await keeper.GetStringAsync(sheetPage)).Contains("id=\"add-sku\"", StringComparison.Ordinal).ShouldBe(false, "no add form on an approved sheet");

        // Low stock: threshold 5 on the shirt (14 on hand). Two low periods, each one alert to the keeper, the manager and the owner.
        await (await keeper.PutAsJsonAsync($"/api/merchant/inventory/stock/{standby}/{shirt}/threshold", new ThresholdRequest(setup.Shirt.Id, 5))).ShouldHaveStatusAsync(204);
        var m = setup.Merchant.MerchantId;
        await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, standby, setup.Shirt.Id, shirt, 10, "order-1"));
        await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, standby, setup.Shirt.Id, shirt, 1, "order-2"));
        (await AlertsForAsync(app, keeperAccount.Id)).ShouldBe(1, "one alert for the first low period, not one per reservation");
        await InventoryScenario.ReservationsAsync(app, r => r.ReleaseAsync(m, "order-1"));
        await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, standby, setup.Shirt.Id, shirt, 9, "order-3"));
        (await AlertsForAsync(app, keeperAccount.Id)).ShouldBe(2, "back above the threshold and low again: a second period");
        var owner = await app.WithDbAsync(db => db.Merchants.Where(x => x.Id == m).Select(x => x.OwnerUserId).SingleAsync());
        (await AlertsForAsync(app, owner)).ShouldBe(2, "the owner too");

        await OnboardingClosedLoopTests.DeliverAsync(app);
        var inbox = await PayflowSteps.WaitForAsync(() => OnboardingClosedLoopTests.InboxAsync(keeper), n => n.Count(IsLowStock) >= 2);
        inbox.Count(IsLowStock).ShouldBe(2, "the keeper's inbox holds one message per low period");
        inbox.First(IsLowStock).Body.Contains("一号备货仓", StringComparison.Ordinal).ShouldBeTrue("the message names the warehouse");
        (await OnboardingClosedLoopTests.InboxAsync(setup.Merchant.Clerk)).Count(IsLowStock).ShouldBe(0, "counter clerks are not told");

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    private static bool IsLowStock(NotificationView notification) => notification.Title == "库存预警 / Low stock";

    /// <summary>Low-stock alerts written for one person (each is one outbox message, delivered to their inbox).</summary>
    private static Task<int> AlertsForAsync(TestApp app, Guid userId)
    {
        var recipient = $"\"RecipientUserId\":\"{userId}\"";
        return app.WithDbAsync(db => db.OutboxMessages.CountAsync(o => o.Type == typeof(LowStockReached).FullName && o.Payload.Contains(recipient)));
    }
}
