using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// The demo hotpot restaurant's owner creates a product with a 2×2 spec matrix in the browser and submits it; the
/// reviewer approves it; the owner lists it; a consumer opens the product page on a phone. Screenshots go to
/// TestResults/screenshots/catalog.
/// </summary>
public sealed class CatalogBrowserTests(ITestOutputHelper output) : DemoJourney(output, "catalog")
{
    private const string Title = "重庆火锅底料（浏览器测试）";

    [Fact]
    public Task An_owner_creates_a_product_with_a_spec_matrix_that_a_consumer_finds_after_review_and_listing() => JourneyAsync(async () =>
    {
        var owner = await NewPersonAsync(mobile: false);
        await SignInAsync(owner, "owner@demo.localloop");
        await owner.GotoAsync("/merchant/products");
        await owner.Locator("#new-product").ClickAsync();
        await Expect(owner.Locator("h1")).ToHaveTextAsync("新建商品");

        await owner.FillAsync("[name='Input.Title']", Title);
        await owner.SelectOptionAsync("[name='Input.CategoryCode']", "food.hotpot");
        await owner.FillAsync("[name='Input.WeightGrams']", "500");
        await owner.CheckAsync("[name='Input.ShipsFromStore']");
        await owner.FillAsync("[name='Input.Dimensions[0].Name']", "辣度");
        await owner.FillAsync("[name='Input.Dimensions[0].Values']", "微辣，特辣");
        await owner.FillAsync("[name='Input.Dimensions[1].Name']", "规格");
        await owner.FillAsync("[name='Input.Dimensions[1].Values']", "200g, 500g");
        await owner.Locator("#generate-skus").ClickAsync();
        await Expect(owner.Locator("#sku-rows tbody tr")).ToHaveCountAsync(4);
        await Expect(owner.Locator("#sku-rows tbody tr").Nth(1)).ToContainTextAsync("微辣 / 500g");
        await Expect(owner.Locator("[name='Input.Title']")).ToHaveValueAsync(Title);

        string[] prices = ["29.90", "49.90", "32.90", "52.90"];
        for (var i = 0; i < 4; i++)
        {
            await owner.FillAsync($"[name='Input.Skus[{i}].ItemNumber']", $"BT-HG-{i + 1}");
            await owner.FillAsync($"[name='Input.Skus[{i}].Price']", prices[i]);
            await owner.FillAsync($"[name='Input.Skus[{i}].CostPrice']", "12");
        }

        await owner.FillAsync("[name='Input.Skus[0].Barcode']", "6901234567892");
        await ShotAsync(owner, "owner-spec-matrix");
        await owner.Locator("#save-submit").ClickAsync();
        await owner.WaitForURLAsync("**/merchant/products");
        var row = owner.Locator("#products tbody tr", new() { HasText = Title });
        await Expect(row).ToContainTextAsync("审核中");
        var productId = (await row.GetAttributeAsync("id"))!["product-".Length..];
        await ShotAsync(owner, "owner-pending");

        var reviewer = await NewPersonAsync(mobile: false);
        await SignInAsync(reviewer, "reviewer@demo.localloop");
        await reviewer.GotoAsync("/admin/products");
        var card = reviewer.Locator("section.card", new() { HasText = Title });
        await Expect(card).ToContainTextAsync("新商品");
        await Expect(card.Locator("tbody tr")).ToHaveCountAsync(4);
        await ShotAsync(reviewer, "reviewer-queue");
        await card.Locator("button", new() { HasText = "通过" }).ClickAsync();
        await Expect(reviewer.Locator(".alert-success")).ToBeVisibleAsync();

        await owner.ReloadAsync();
        await Expect(row).ToContainTextAsync("已通过");
        await row.Locator("button", new() { HasText = "上架" }).ClickAsync();
        await Expect(owner.Locator(".alert-success")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("已上架");
        await ShotAsync(owner, "owner-listed");

        var consumer = await NewPersonAsync(mobile: true);
        await consumer.GotoAsync($"/products/{productId}");
        await Expect(consumer.Locator("h1")).ToHaveTextAsync(Title);
        await Expect(consumer.Locator("#min-price")).ToContainTextAsync("¥29.90");
        await Expect(consumer.Locator("#kind-fields")).ToContainTextAsync("500 克");
        // One choice per spec dimension picks the SKU and shows its price without a reload.
        var specs = consumer.Locator("#sku-picker fieldset[data-spec]");
        await Expect(specs).ToHaveCountAsync(2);
        await Expect(consumer.Locator("#sku-list")).ToBeHiddenAsync();
        await Expect(consumer.Locator("#sku-price")).ToHaveTextAsync("¥29.90");
        await specs.Locator("label", new() { HasText = "特辣" }).ClickAsync();
        await specs.Locator("label", new() { HasText = "500g" }).ClickAsync();
        await Expect(consumer.Locator("#sku-price")).ToHaveTextAsync("¥52.90");
        await ShotAsync(consumer, "consumer-product-page");

        // The owner sets one store's own price for that SKU; the consumer choosing that store sees it beside the catalog price.
        await owner.GotoAsync($"/merchant/products/{productId}/store-prices");
        var storeTable = owner.Locator("table[data-store]").First;
        var storeName = await storeTable.GetAttributeAsync("data-store");
        var skuRow = storeTable.Locator("tr[data-sku='特辣 / 500g']");
        await Expect(skuRow.Locator("[data-catalog-price]")).ToHaveTextAsync("¥52.90");
        await skuRow.Locator("input[name=price]").FillAsync("4x");
        await skuRow.Locator("button", new() { HasText = "保存" }).ClickAsync();
        await Expect(owner.Locator("table[data-store]").First.Locator("tr[data-sku='特辣 / 500g'] .field-error")).ToContainTextAsync("请输入门店价格");
        await owner.Locator("table[data-store]").First.Locator("tr[data-sku='特辣 / 500g'] input[name=price]").FillAsync("45");
        await owner.Locator("table[data-store]").First.Locator("tr[data-sku='特辣 / 500g'] button", new() { HasText = "保存" }).ClickAsync();
        await Expect(owner.Locator(".alert-success")).ToContainTextAsync("门店价格已保存");
        await ShotAsync(owner, "owner-store-prices");

        await consumer.SelectOptionAsync("#store", new SelectOptionValue { Label = storeName! });
        await consumer.Locator("#store-choice button").ClickAsync();
        await Expect(consumer.Locator("#store-prices")).ToContainTextAsync(storeName!);
        await Expect(consumer.Locator("#sku-price")).ToContainTextAsync("¥45.00");
        await Expect(consumer.Locator("#sku-price [data-catalog-price]")).ToHaveTextAsync("¥52.90");
        await specs.Locator("label", new() { HasText = "微辣" }).ClickAsync();
        await Expect(consumer.Locator("#sku-price")).ToHaveTextAsync("¥49.90");
        await ShotAsync(consumer, "consumer-store-price");
    });
}
