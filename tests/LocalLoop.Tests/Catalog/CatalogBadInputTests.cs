using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Catalog;

/// <summary>What a merchant or admin can get wrong in the catalog, each refused with a clear message in both languages.</summary>
public sealed class CatalogBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Bad_products_are_refused_field_by_field(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var owner = merchant.Owner;
        var prefix = CatalogScenario.NewPrefix();
        var shirt = CatalogScenario.Shirt(prefix);
        var skus = shirt.Skus!;
        Task<HttpResponseMessage> Create(ProductRequest request) => owner.PostAsJsonAsync("/api/merchant/products", request);

        await Create(shirt with { Skus = [skus[0], skus[1] with { ItemNumber = skus[0].ItemNumber }, skus[2], skus[3]] }).ShouldRefuseFieldAsync("skus[1].itemNumber");
        await Create(shirt with { Skus = [skus[0] with { Barcode = "6901234567890" }, skus[1], skus[2], skus[3]] }).ShouldRefuseFieldAsync("skus[0].barcode");
        await Create(shirt with { Skus = [skus[0] with { Barcode = "69012345" }, skus[1], skus[2], skus[3]] }).ShouldRefuseFieldAsync("skus[0].barcode");
        await Create(shirt with { Skus = [skus[0], skus[1] with { PriceFen = -100 }, skus[2], skus[3]] }).ShouldRefuseFieldAsync("skus[1].priceFen");
        await Create(shirt with { Skus = [skus[0], skus[1] with { PriceFen = 0 }, skus[2], skus[3]] }).ShouldRefuseFieldAsync("skus[1].priceFen");
        await Create(shirt with { Skus = [skus[0], skus[1], skus[2] with { CostPriceFen = -1 }, skus[3]] }).ShouldRefuseFieldAsync("skus[2].costPriceFen");
        await Create(shirt with { Skus = [skus[0], skus[1], skus[2]] }).ShouldRefuseFieldAsync("skus");
        await Create(shirt with { Skus = [skus[0], skus[1], skus[2], skus[3], skus[3] with { ItemNumber = prefix + "-X" }] }).ShouldRefuseFieldAsync("skus");
        await Create(shirt with { CategoryCode = "apparel.spacesuits" }).ShouldRefuseFieldAsync("categoryCode");
        await Create(shirt with { CategoryCode = "apparel" }).ShouldRefuseFieldAsync("categoryCode");
        await Create(shirt with { BrandId = Guid.NewGuid() }).ShouldRefuseFieldAsync("brandId");
        await Create(shirt with { Kind = "Spaceship" }).ShouldRefuseFieldAsync("kind");
        await Create(shirt with { Title = " " }).ShouldRefuseFieldAsync("title");
        await Create(shirt with
        {
            Specs = [new("尺码", ["M"]), new("颜色", ["白"]), new("袖长", ["长"]), new("领型", ["圆"])],
            Skus = [new SkuRequest(["M", "白", "长", "圆"], prefix + "-4D", null, 100, 0)],
        }).ShouldRefuseFieldAsync("specs");
        await Create(shirt with { Specs = [new("尺码", ["M", "M"])], Skus = [skus[0] with { Values = ["M"] }] }).ShouldRefuseFieldAsync("specs");

        // Kind fields: each kind needs its own.
        await Create(shirt with { Fields = new KindFields { WeightGrams = 250 } }).ShouldRefuseFieldAsync("fields.shipsFromStore");
        var single = new List<SkuRequest> { new([], prefix + "-ONE", null, 3_800, 1_000) };
        await Create(new ProductRequest(nameof(ProductKind.TakeoutDish), "毛血旺", "food.hotpot", null, null, new KindFields(), [], single))
            .ShouldRefuseFieldAsync("fields.packagingFeeFen");
        await Create(new ProductRequest(nameof(ProductKind.TakeoutDish), "毛血旺", "food.hotpot", null, null,
            new KindFields { PackagingFeeFen = 200, Options = [new OptionGroup("辣度", [])] }, [], single)).ShouldRefuseFieldAsync("fields.options");
        await Create(new ProductRequest(nameof(ProductKind.GroupBuy), "双人餐", "food.hotpot", null, null, new KindFields { Uses = 1 }, [], single))
            .ShouldRefuseFieldAsync("fields.contents");
        await Create(new ProductRequest(nameof(ProductKind.BookableService), "私教课", "fitness.gym", null, null, new KindFields { CapacityPerSlot = 1 }, [], single))
            .ShouldRefuseFieldAsync("fields.durationMinutes");
        await Create(new ProductRequest(nameof(ProductKind.HomeService), "上门保洁", "daily.household", null, null, new KindFields { DurationMinutes = 120 }, [], single))
            .ShouldRefuseFieldAsync("fields.visitFeeFen");

        // Item numbers are unique per merchant, across products: a second product cannot reuse one.
        await CatalogScenario.CreateAsync(owner, shirt);
        var detail = await Create(CatalogScenario.Shirt(CatalogScenario.NewPrefix()) with { Skus = [skus[0] with { ItemNumber = skus[0].ItemNumber }, .. CatalogScenario.Shirt(CatalogScenario.NewPrefix()).Skus!.Skip(1)] })
            .ShouldBeProblemAsync(409, "item_number_taken");
        detail.Contains(skus[0].ItemNumber, StringComparison.Ordinal).ShouldBeTrue();
        // Another merchant may use the same number.
        var other = await new Scenario(app).NewMerchantAsync();
        await CatalogScenario.CreateAsync(other.Owner, shirt);

        // Store prices: positive only.
        var live = await CatalogScenario.LiveAsync(app, owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix(), "第二件"));
        await owner.PutAsJsonAsync($"/api/merchant/products/{live.Id}/skus/{live.Live!.Skus[0].Id}/stores/{merchant.HonouringStoreId}/price", new StorePriceRequest(-5))
            .ShouldRefuseFieldAsync("priceFen");
        // Listing a draft and submitting twice are refused.
        var draft = await CatalogScenario.CreateAsync(owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix()));
        await owner.PostAsync($"/api/merchant/products/{draft.Id}/list", null).ShouldBeProblemAsync(409, "not_live");
        await CatalogScenario.SubmitAsync(owner, draft.Id);
        await owner.PostAsync($"/api/merchant/products/{draft.Id}/submit", null).ShouldBeProblemAsync(409, "already_submitted");
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await reviewer.PostAsJsonAsync($"/api/admin/products/revisions/{draft.Working!.Id}/reject", new RejectProductRequest(" ")).ShouldRefuseFieldAsync("reason");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Category_and_brand_administration_refuses_what_would_break_the_tree(string database)
    {
        var app = await fixture.For(database);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var code = "t" + suffix;

        await admin.PostAsJsonAsync("/api/admin/categories", new CategoryRequest("food", "Bad Code!", "坏", "Bad")).ShouldRefuseFieldAsync("code");
        await admin.PostAsJsonAsync("/api/admin/categories", new CategoryRequest("food.hotpot", "x" + suffix, "三级", "Third level")).ShouldRefuseFieldAsync("parentCode");
        await admin.PostAsJsonAsync("/api/admin/categories", new CategoryRequest("food", code, "", "Name")).ShouldRefuseFieldAsync("nameZh");
        var created = await admin.PostAsJsonAsync("/api/admin/categories", new CategoryRequest("food", "food." + code, "测试类目", "Test")).ShouldReturnAsync<CategoryView>(201);
        created.Code.ShouldBe("food." + code);
        await admin.PostAsJsonAsync("/api/admin/categories", new CategoryRequest("food", code, "测试类目", "Test")).ShouldBeProblemAsync(409, "category_exists");
        await admin.PostAsync("/api/admin/categories/food/deactivate", null).ShouldBeProblemAsync(409, "top_level_category");
        await admin.PostAsJsonAsync("/api/admin/categories/food.hotpot/move", new CategoryMoveRequest("sideways")).ShouldRefuseFieldAsync("direction");

        // In use: cannot be deleted; deactivated, new products cannot choose it.
        var prefix = CatalogScenario.NewPrefix();
        await CatalogScenario.CreateAsync(merchant.Owner, CatalogScenario.Shirt(prefix) with { CategoryCode = created.Code });
        await admin.DeleteAsync($"/api/admin/categories/{created.Code}").ShouldBeProblemAsync(409, "category_in_use");
        await (await admin.PostAsync($"/api/admin/categories/{created.Code}/deactivate", null)).ShouldHaveStatusAsync(204);
        await merchant.Owner.PostAsJsonAsync("/api/merchant/products", CatalogScenario.Shirt(CatalogScenario.NewPrefix()) with { CategoryCode = created.Code })
            .ShouldRefuseFieldAsync("categoryCode");
        (await app.Anonymous().GetFromJsonAsync<List<CategoryView>>("/api/categories"))!.Single(c => c.Code == "food").Children
            .Any(c => c.Code == created.Code).ShouldBe(false, "inactive categories are not offered");

        // An unused category can be deleted.
        var unused = await admin.PostAsJsonAsync("/api/admin/categories", new CategoryRequest("beauty", "u" + suffix, "未用", "Unused")).ShouldReturnAsync<CategoryView>(201);
        await (await admin.DeleteAsync($"/api/admin/categories/{unused.Code}")).ShouldHaveStatusAsync(204);

        await (await admin.PostAsJsonAsync("/api/admin/brands", new BrandRequest("品牌" + suffix, "Brand " + suffix))).ShouldHaveStatusAsync(201);
        await admin.PostAsJsonAsync("/api/admin/brands", new BrandRequest("品牌" + suffix, "Other " + suffix)).ShouldBeProblemAsync(409, "brand_exists");
        await admin.PostAsJsonAsync("/api/admin/brands", new BrandRequest("别的" + suffix, "Brand " + suffix)).ShouldBeProblemAsync(409, "brand_exists");
        await admin.PostAsJsonAsync("/api/admin/brands", new BrandRequest("", "x")).ShouldRefuseFieldAsync("nameZh");
    }
}
