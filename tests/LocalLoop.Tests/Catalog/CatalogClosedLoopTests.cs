using System.Net;
using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Catalog;

/// <summary>
/// A product from the merchant's draft to the consumer's page: a 2×2 spec matrix, review, listing; an edit of the live
/// product waits in review while consumers keep the old version; a rejection leaves the live version on sale.
/// </summary>
public sealed class CatalogClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_product_goes_from_draft_through_review_and_listing_to_the_consumer(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var anonymous = app.Anonymous();
        var prefix = CatalogScenario.NewPrefix();

        var product = await CatalogScenario.CreateAsync(merchant.Owner, CatalogScenario.Shirt(prefix));
        product.Status.ShouldBe(ProductStatus.Draft);
        product.Working!.Skus.Select(s => string.Join("/", s.Values)).ShouldBeEquivalentTo(["M/白", "M/黑", "L/白", "L/黑"]);
        (await anonymous.GetAsync($"/api/products/{product.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a draft is not on sale");

        await CatalogScenario.SubmitAsync(merchant.Owner, product.Id);
        var pending = await CatalogScenario.PendingAsync(reviewer, product.Id);
        pending.Live.ShouldBe(null);
        pending.Pending.Title.ShouldBe("纯棉圆领T恤");
        (await anonymous.GetAsync($"/api/products/{product.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "pending is not on sale");
        await (await merchant.Owner.PostAsync($"/api/merchant/products/{product.Id}/list", null)).ShouldHaveStatusAsync(409);

        await (await CatalogScenario.ApproveAsync(reviewer, pending.RevisionId)).ShouldHaveStatusAsync(204);
        (await anonymous.GetAsync($"/api/products/{product.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "approved but not yet listed");
        await (await merchant.Owner.PostAsync($"/api/merchant/products/{product.Id}/list", null)).ShouldHaveStatusAsync(204);

        var seen = await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}");
        seen!.Title.ShouldBe("纯棉圆领T恤");
        seen.MinPriceFen.ShouldBe(9_900);
        seen.Fields.WeightGrams.ShouldBe(250);
        seen.Skus.Count.ShouldBe(4);
        var summary = (await merchant.Owner.GetFromJsonAsync<List<ProductSummary>>("/api/merchant/products"))!.Single(p => p.Id == product.Id);
        (summary.IsLive && summary.Listed && summary.Status == ProductStatus.Approved).ShouldBeTrue();

        // A store's own price for one SKU shows when the consumer looks at that store.
        var live = (await merchant.Owner.GetFromJsonAsync<ProductDetail>($"/api/merchant/products/{product.Id}"))!.Live!;
        var mWhite = live.Skus.Single(s => s.ItemNumber == $"{prefix}-M-W");
        await (await merchant.Owner.PutAsJsonAsync($"/api/merchant/products/{product.Id}/skus/{mWhite.Id}/stores/{merchant.OtherStoreId}/price", new StorePriceRequest(8_900)))
            .ShouldHaveStatusAsync(204);
        var atStore = await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}?store={merchant.OtherStoreId}");
        atStore!.Skus.Single(s => s.Id == mWhite.Id).PriceFen.ShouldBe(8_900);
        atStore.MinPriceFen.ShouldBe(8_900);
        atStore.StoreName!.Contains("陆家嘴", StringComparison.Ordinal).ShouldBeTrue();
        (await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}?store={merchant.HonouringStoreId}"))!
            .Skus.Single(s => s.Id == mWhite.Id).PriceFen.ShouldBe(9_900, "other stores keep the SKU's price");

        var page = await anonymous.GetStringAsync($"/products/{product.Id}?store={merchant.OtherStoreId}");
        (page.Contains("纯棉圆领T恤", StringComparison.Ordinal) && page.Contains("¥89.00", StringComparison.Ordinal)).ShouldBeTrue();
        page.Contains("¥99.00</s>", StringComparison.Ordinal).ShouldBeTrue("the catalog price is shown struck through next to the store's");

        // The same on the merchant's store-price page: the catalog price beside each store's, a bad price refused in Chinese.
        var pricesPage = $"/merchant/products/{product.Id}/store-prices";
        var fields = new Dictionary<string, string> { ["storeId"] = merchant.HonouringStoreId.ToString(), ["skuId"] = mWhite.Id.ToString(), ["price"] = "九十" };
        var refused = await PageForms.PostAsync(merchant.Owner, pricesPage, "Set", fields);
        ((int)refused.StatusCode).ShouldBe(200);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).Contains("请输入门店价格（元）", StringComparison.Ordinal).ShouldBeTrue("the refusal is next to the price");
        fields["price"] = "95.50";
        ((int)(await PageForms.PostAsync(merchant.Owner, pricesPage, "Set", fields)).StatusCode).ShouldBe(302);
        (await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}?store={merchant.HonouringStoreId}"))!
            .Skus.Single(s => s.Id == mWhite.Id).PriceFen.ShouldBe(9_550, "saved on the page");
        var shown = WebUtility.HtmlDecode(await merchant.Owner.GetStringAsync(pricesPage));
        (shown.Contains("value=\"95.50\"", StringComparison.Ordinal) && shown.Contains("value=\"89.00\"", StringComparison.Ordinal)).ShouldBeTrue("both stores' prices are listed");
        fields.Remove("price");
        ((int)(await PageForms.PostAsync(merchant.Owner, pricesPage, "Remove", fields)).StatusCode).ShouldBe(302);
        (await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}?store={merchant.HonouringStoreId}"))!
            .Skus.Single(s => s.Id == mWhite.Id).PriceFen.ShouldBe(9_900, "back to the catalog price");

        await (await merchant.Owner.PostAsync($"/api/merchant/products/{product.Id}/delist", null)).ShouldHaveStatusAsync(204);
        (await anonymous.GetAsync($"/api/products/{product.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "delisted products are gone");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_edit_of_a_live_product_waits_in_review_while_consumers_keep_the_old_version(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var anonymous = app.Anonymous();
        var prefix = CatalogScenario.NewPrefix();
        var original = CatalogScenario.Shirt(prefix);
        var product = await CatalogScenario.LiveAsync(app, merchant.Owner, original);
        var skuIds = product.Live!.Skus.Select(s => s.Id).ToList();

        var edit = original with { Title = "新款纯棉T恤", Skus = original.Skus!.Select(s => s with { PriceFen = s.PriceFen + 1_000 }).ToList() };
        await merchant.Owner.PutAsJsonAsync($"/api/merchant/products/{product.Id}", edit).ShouldReturnAsync<ProductDetail>();
        await CatalogScenario.SubmitAsync(merchant.Owner, product.Id);

        var seen = await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}");
        (seen!.Title, seen.MinPriceFen).ShouldBe(("纯棉圆领T恤", 9_900L), "the approved version stays on sale during review");
        var pending = await CatalogScenario.PendingAsync(reviewer, product.Id);
        pending.Changes.Single(c => c.Field == "title").ShouldBe(new FieldChange("title", "纯棉圆领T恤", "新款纯棉T恤"));
        pending.Changes.Count(c => c.Field.StartsWith("sku ", StringComparison.Ordinal)).ShouldBe(4);
        var queue = await reviewer.GetStringAsync("/admin/products");
        (queue.Contains("纯棉圆领T恤", StringComparison.Ordinal) && queue.Contains("新款纯棉T恤", StringComparison.Ordinal) && queue.Contains("¥119.00", StringComparison.Ordinal))
            .ShouldBeTrue("the queue shows the live and the pending values side by side");
        var editPage = await merchant.Owner.GetStringAsync($"/merchant/products/{product.Id}/edit");
        editPage.Contains("新款纯棉T恤", StringComparison.Ordinal).ShouldBeTrue("the edit form opens on the working version");

        // Rejection: the live version is untouched, the merchant reads the reason and can edit again.
        await (await reviewer.PostAsJsonAsync($"/api/admin/products/revisions/{pending.RevisionId}/reject", new RejectProductRequest("价格调整幅度过大 / price jump too large")))
            .ShouldHaveStatusAsync(204);
        seen = await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}");
        (seen!.Title, seen.MinPriceFen).ShouldBe(("纯棉圆领T恤", 9_900L));
        var mine = (await merchant.Owner.GetFromJsonAsync<List<ProductSummary>>("/api/merchant/products"))!.Single(p => p.Id == product.Id);
        (mine.Status, mine.RejectionReason, mine.Listed).ShouldBe((ProductStatus.Rejected, "价格调整幅度过大 / price jump too large", true));

        await merchant.Owner.PutAsJsonAsync($"/api/merchant/products/{product.Id}", edit with { Skus = original.Skus }).ShouldReturnAsync<ProductDetail>();
        await CatalogScenario.SubmitAsync(merchant.Owner, product.Id);
        await (await merchant.Owner.PutAsJsonAsync($"/api/merchant/products/{product.Id}", edit)).ShouldHaveStatusAsync(409);
        pending = await CatalogScenario.PendingAsync(reviewer, product.Id);
        await (await CatalogScenario.ApproveAsync(reviewer, pending.RevisionId)).ShouldHaveStatusAsync(204);

        seen = await anonymous.GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}");
        (seen!.Title, seen.MinPriceFen).ShouldBe(("新款纯棉T恤", 9_900L), "approval swapped the new version in, still listed");
        seen.Skus.Select(s => s.Id).ShouldBeEquivalentTo(skuIds); // the same combinations keep their SKU ids
        await app.AssertLedgerBalancedAsync();
    }
}
