using System.Net;
using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Catalog;

/// <summary>Every id-taking catalog endpoint called with another merchant's ids answers 404; only owners, managers and agents edit products.</summary>
public sealed class CatalogTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_products_skus_and_stores_are_not_found(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var mine = await scenario.NewMerchantAsync();
        var theirs = await scenario.NewMerchantAsync();
        var myProduct = await CatalogScenario.LiveAsync(app, mine.Owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix()));
        var theirProduct = await CatalogScenario.LiveAsync(app, theirs.Owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix(), "别家T恤"));
        var mySku = myProduct.Live!.Skus[0].Id;
        var theirSku = theirProduct.Live!.Skus[0].Id;
        var owner = mine.Owner;

        var calls = new List<Func<Task<HttpResponseMessage>>>
        {
            () => owner.GetAsync($"/api/merchant/products/{theirProduct.Id}"),
            () => owner.PutAsJsonAsync($"/api/merchant/products/{theirProduct.Id}", CatalogScenario.Shirt(CatalogScenario.NewPrefix())),
            () => owner.PostAsync($"/api/merchant/products/{theirProduct.Id}/submit", null),
            () => owner.PostAsync($"/api/merchant/products/{theirProduct.Id}/list", null),
            () => owner.PostAsync($"/api/merchant/products/{theirProduct.Id}/delist", null),
            () => owner.PutAsJsonAsync($"/api/merchant/products/{theirProduct.Id}/skus/{theirSku}/stores/{mine.HonouringStoreId}/price", new StorePriceRequest(100)),
            () => owner.PutAsJsonAsync($"/api/merchant/products/{myProduct.Id}/skus/{theirSku}/stores/{mine.HonouringStoreId}/price", new StorePriceRequest(100)),
            () => owner.PutAsJsonAsync($"/api/merchant/products/{myProduct.Id}/skus/{mySku}/stores/{theirs.HonouringStoreId}/price", new StorePriceRequest(100)),
            () => owner.DeleteAsync($"/api/merchant/products/{myProduct.Id}/skus/{mySku}/stores/{theirs.HonouringStoreId}/price"),
            () => app.Anonymous().GetAsync($"/api/products/{myProduct.Id}?store={theirs.HonouringStoreId}"),
        };
        foreach (var call in calls)
        {
            await call().ShouldBeProblemAsync(404, "not_found");
        }

        (await owner.GetAsync($"/merchant/products/{theirProduct.Id}/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.GetFromJsonAsync<List<ProductSummary>>("/api/merchant/products"))!.Select(p => p.Id).ShouldBeEquivalentTo([myProduct.Id]);
        var theirsSeen = await app.Anonymous().GetFromJsonAsync<PublicProduct>($"/api/products/{theirProduct.Id}");
        theirsSeen!.Title.ShouldBe("别家T恤", "their product is untouched and still on sale");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Clerks_warehouse_staff_and_consumers_cannot_edit_products(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var product = await CatalogScenario.CreateAsync(merchant.Owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix()));
        var warehouseEmail = $"w{Guid.NewGuid():N}@test.localloop";
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = warehouseEmail, Email = warehouseEmail, DisplayName = "仓管 Warehouse", MerchantId = merchant.MerchantId, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
            (await users.CreateAsync(user, TestApp.Password)).Succeeded.ShouldBeTrue();
            (await users.AddToRoleAsync(user, Roles.Warehouse)).Succeeded.ShouldBeTrue();
            return true;
        });
        var consumer = await new Scenario(app).NewConsumerAsync(0);

        foreach (var client in new[] { merchant.Clerk, await app.SignInAsync(warehouseEmail), consumer.Client })
        {
            (await client.GetAsync("/api/merchant/products")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostAsJsonAsync("/api/merchant/products", CatalogScenario.Shirt(CatalogScenario.NewPrefix()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PutAsJsonAsync($"/api/merchant/products/{product.Id}", CatalogScenario.Shirt(CatalogScenario.NewPrefix()))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.PostAsync($"/api/merchant/products/{product.Id}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.GetAsync("/merchant/products")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        // Merchants cannot review their own products or run the category tree.
        (await merchant.Owner.GetAsync("/api/admin/products/pending")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await merchant.Owner.PostAsync($"/api/admin/products/revisions/{product.Working!.Id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await merchant.Owner.PostAsJsonAsync("/api/admin/brands", new BrandRequest("自封", "Self"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        (await reviewer.PostAsJsonAsync("/api/admin/brands", new BrandRequest("审核员", "Reviewer brand"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "brands and categories are the admin's");
        (await app.Anonymous().GetAsync("/api/admin/categories")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
