using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// Inventory in Chromium on the demo data: the demo warehouse keeper writes and receives a purchase of hotpot base,
/// sees the level grow, cannot move more than is there, counts the warehouse and finds two missing; he cannot approve, the manager does, and the level
/// and the journal show the adjustment. He also adds a bag found in the defective warehouse to its count and returns
/// part of the purchase to the supplier. Screenshots go to TestResults/screenshots/inventory.
/// </summary>
public sealed class InventoryBrowserTests(ITestOutputHelper output) : DemoJourney(output, "inventory")
{
    private const string Warehouse = "中央备货仓（备货仓）";

    [Fact]
    public async Task Warehouse_staff_receive_return_and_count_stock_and_a_manager_approves_the_variance()
    {
        await JourneyAsync(async () =>
        {
            var keeper = await NewPersonAsync(mobile: false);
            await SignInAsync(keeper, "warehouse@demo.localloop");
            await keeper.GotoAsync("/merchant/welcome");
            await keeper.Locator("main a[href='/merchant/inventory']").Last.ClickAsync();
            await keeper.WaitForURLAsync(new Regex("/merchant/inventory$"));

            // A purchase: 24 bags of the mild base at ¥17.50, written and then received.
            await keeper.GotoAsync("/merchant/inventory/receipts");
            await keeper.SelectOptionAsync("[name='Input.LocationId']", new SelectOptionValue { Label = Warehouse });
            await keeper.FillAsync("[name='Input.Supplier']", "成都调料批发");
            await keeper.SelectOptionAsync("[name='Input.Lines[0].Sku']", new SelectOptionValue { Label = "重庆牛油火锅底料 500g 微辣 (HG-BASE-1)" });
            await keeper.FillAsync("[name='Input.Lines[0].Quantity']", "24");
            await keeper.FillAsync("[name='Input.Lines[0].UnitCost']", "17.50");
            await keeper.Locator("#new-receipt button").ClickAsync();
            var receipt = keeper.Locator("article:has-text('成都调料批发')");
            await Expect(receipt).ToContainTextAsync("待入库");
            await Expect(receipt).ToContainTextAsync("¥420.00");
            await receipt.Locator("button").ClickAsync();
            await Expect(keeper.Locator("article:has-text('成都调料批发')")).ToContainTextAsync("已入库");
            await ShotAsync(keeper, "purchase-received");

            // The level: 60 received at first, 20 sent to the store, 24 now.
            await keeper.GotoAsync("/merchant/inventory");
            await keeper.SelectOptionAsync("#location", new SelectOptionValue { Label = Warehouse });
            await keeper.Locator("form.report-filter button").ClickAsync();
            await Expect(keeper.Locator("#stock tr:has-text('微辣') [data-on-hand]")).ToHaveTextAsync("64");
            await ShotAsync(keeper, "stock-levels");

            // Counting the defective warehouse, the keeper finds a bag of the mild base it has no record of
            // and adds it to the sheet; the manager approves it at the end.
            await keeper.GotoAsync("/merchant/inventory/stocktakes");
            await keeper.SelectOptionAsync("#location", new SelectOptionValue { Label = "次品仓（次品仓）" });
            await keeper.Locator("#new-stocktake button").ClickAsync();
            await keeper.WaitForURLAsync(new Regex("/merchant/inventory/stocktakes/[0-9a-f-]+$"));
            await Expect(keeper.Locator("#sheet tr:has-text('微辣')")).ToHaveCountAsync(0);
            await keeper.SelectOptionAsync("#add-sku select[name=sku]", new SelectOptionValue { Label = "重庆牛油火锅底料 500g 微辣 (HG-BASE-1)" });
            await keeper.FillAsync("#add-sku input[name=counted]", "1");
            await keeper.Locator("#add-sku button").ClickAsync();
            await Expect(keeper.Locator("#sheet tr:has-text('微辣') [data-variance]")).ToHaveTextAsync("+1");
            var defectiveSheetUrl = keeper.Url;
            await ShotAsync(keeper, "stocktake-sku-added");

            // Moving more than is there into the defective warehouse is refused in Chinese, and nothing moves.
            await keeper.GotoAsync("/merchant/inventory/transfers");
            await keeper.SelectOptionAsync("#Input_From", new SelectOptionValue { Label = Warehouse });
            await keeper.SelectOptionAsync("#Input_To", new SelectOptionValue { Label = "次品仓（次品仓）" });
            await keeper.SelectOptionAsync("[name='Input.Sku']", new SelectOptionValue { Label = "重庆牛油火锅底料 500g 微辣 (HG-BASE-1)" });
            await keeper.FillAsync("[name='Input.Quantity']", "999");
            await keeper.Locator("#transfer button").ClickAsync();
            await Expect(keeper.Locator(".alert-error")).ToContainTextAsync("库存不足：此处可用 64 件，需要 999 件。");
            await ShotAsync(keeper, "overdraw-refused");

            // A stocktake: two bags of the mild base are missing, the hot one is right.
            await keeper.GotoAsync("/merchant/inventory/stocktakes");
            await keeper.SelectOptionAsync("#location", new SelectOptionValue { Label = Warehouse });
            await keeper.Locator("#new-stocktake button").ClickAsync();
            await keeper.WaitForURLAsync(new Regex("/merchant/inventory/stocktakes/[0-9a-f-]+$"));
            var sheetUrl = keeper.Url;
            await keeper.Locator("#sheet tr:has-text('微辣') input[type=number]").FillAsync("62");
            await keeper.Locator("#sheet tr:has-text('特辣') input[type=number]").FillAsync("28");
            await keeper.Locator("#counts button").ClickAsync();
            await Expect(keeper.Locator("#sheet tr:has-text('微辣') [data-variance]")).ToHaveTextAsync("-2");
            await Expect(keeper.Locator("#sheet tr:has-text('特辣') [data-variance]")).ToHaveTextAsync("0");
            await Expect(keeper.Locator("#approve")).ToHaveCountAsync(0);
            await Expect(keeper.Locator("#approve-hint")).ToBeVisibleAsync();
            await ShotAsync(keeper, "stocktake-counted");

            // The manager approves; stock and journal show the adjustment.
            var manager = await NewPersonAsync(mobile: false);
            await SignInAsync(manager, "manager@demo.localloop");
            await manager.GotoAsync(sheetUrl);
            await manager.Locator("#approve button").ClickAsync();
            await Expect(manager.Locator("#sheet-status")).ToHaveTextAsync("已审核");
            await ShotAsync(manager, "stocktake-approved");
            await manager.GotoAsync("/merchant/inventory/movements");
            await Expect(manager.Locator(".alert-error")).ToHaveCountAsync(0);
            var adjustment = manager.Locator("#movements tr[data-kind='StocktakeAdjustment']").First;
            await Expect(adjustment).ToContainTextAsync("-2");
            await Expect(adjustment).ToContainTextAsync("62");
            await keeper.GotoAsync("/merchant/inventory");
            await keeper.SelectOptionAsync("#location", new SelectOptionValue { Label = Warehouse });
            await keeper.Locator("form.report-filter button").ClickAsync();
            await Expect(keeper.Locator("#stock tr:has-text('微辣') [data-on-hand]")).ToHaveTextAsync("62");
            await ShotAsync(manager, "journal");

            // Four bags of the new purchase go back to the supplier from the receipts page: the line shows them, the level drops.
            await keeper.GotoAsync("/merchant/inventory/receipts");
            var line = keeper.Locator("article:has-text('成都调料批发') tr:has-text('微辣')");
            await line.Locator("input[name=quantity]").FillAsync("4");
            await line.Locator("input[name=note]").FillAsync("包装破损");
            await line.Locator("button").ClickAsync();
            await Expect(keeper.Locator(".alert-success")).ToContainTextAsync("已退货给供应商");
            await Expect(keeper.Locator("article:has-text('成都调料批发') tr:has-text('微辣') [data-returned]")).ToHaveTextAsync("4");
            await ShotAsync(keeper, "purchase-returned");
            await keeper.GotoAsync("/merchant/inventory");
            await keeper.SelectOptionAsync("#location", new SelectOptionValue { Label = Warehouse });
            await keeper.Locator("form.report-filter button").ClickAsync();
            await Expect(keeper.Locator("#stock tr:has-text('微辣') [data-on-hand]")).ToHaveTextAsync("58");

            // The manager approves the defective warehouse's count: the bag found there is now in stock.
            await manager.GotoAsync(defectiveSheetUrl);
            await manager.Locator("#approve button").ClickAsync();
            await Expect(manager.Locator("#sheet-status")).ToHaveTextAsync("已审核");
            await Expect(manager.Locator("#add-sku")).ToHaveCountAsync(0);
            await keeper.GotoAsync("/merchant/inventory");
            await keeper.SelectOptionAsync("#location", new SelectOptionValue { Label = "次品仓（次品仓）" });
            await keeper.Locator("form.report-filter button").ClickAsync();
            await Expect(keeper.Locator("#stock tr:has-text('微辣') [data-on-hand]")).ToHaveTextAsync("1");
        });
    }
}
