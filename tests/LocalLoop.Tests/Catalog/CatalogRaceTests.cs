using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Catalog;

/// <summary>Two reviewers approving one revision, and two tabs creating products with the same item number: exactly one wins, the others get 409.</summary>
public sealed class CatalogRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_approvals_of_one_revision_let_exactly_one_through(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var original = CatalogScenario.Shirt(CatalogScenario.NewPrefix());
        var product = await CatalogScenario.LiveAsync(app, merchant.Owner, original);
        await merchant.Owner.PutAsJsonAsync($"/api/merchant/products/{product.Id}", original with { Title = "改版T恤" }).ShouldReturnAsync<ProductDetail>();
        await CatalogScenario.SubmitAsync(merchant.Owner, product.Id);
        var reviewers = new[] { await app.SignInAsync(TestApp.ReviewerEmail), await app.SignInAsync(TestApp.AdminEmail), await app.SignInAsync(TestApp.ReviewerEmail), await app.SignInAsync(TestApp.AdminEmail) };
        var revisionId = (await CatalogScenario.PendingAsync(reviewers[0], product.Id)).RevisionId;

        var answers = await Task.WhenAll(reviewers.Select((r, i) => i % 2 == 0
            ? CatalogScenario.ApproveAsync(r, revisionId)
            : r.PostAsJsonAsync($"/api/admin/products/revisions/{revisionId}/reject", new RejectProductRequest("不行 / no"))));
        answers.Count(a => (int)a.StatusCode == 204).ShouldBe(1);
        answers.Count(a => (int)a.StatusCode == 409).ShouldBe(3);

        var approved = (int)answers[0].StatusCode == 204 || (int)answers[2].StatusCode == 204;
        var seen = await app.Anonymous().GetFromJsonAsync<PublicProduct>($"/api/products/{product.Id}");
        seen!.Title.ShouldBe(approved ? "改版T恤" : "纯棉圆领T恤");
        var title = System.Text.Json.JsonSerializer.Serialize("改版T恤");
        var outbox = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Type == typeof(ProductReviewed).FullName && m.Payload.Contains(title)));
        outbox.ShouldBe(1, "one decision, one notification");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_creates_with_the_same_item_number_let_exactly_one_through(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shared = CatalogScenario.NewPrefix() + "-SHARED";
        var requests = Enumerable.Range(0, 4).Select(i =>
        {
            var shirt = CatalogScenario.Shirt(CatalogScenario.NewPrefix(), $"并发T恤 {i}");
            return shirt with { Skus = [shirt.Skus![0] with { ItemNumber = shared }, .. shirt.Skus.Skip(1)] };
        }).ToList();

        var answers = await Task.WhenAll(requests.Select(r => merchant.Owner.PostAsJsonAsync("/api/merchant/products", r)));
        answers.Count(a => (int)a.StatusCode == 201).ShouldBe(1);
        answers.Count(a => (int)a.StatusCode == 409).ShouldBe(3);
        var holders = await app.WithDbAsync(db => db.Skus.Where(s => s.MerchantId == merchant.MerchantId && s.ItemNumber == shared).Select(s => s.ProductId).Distinct().CountAsync());
        holders.ShouldBe(1);
        var products = await merchant.Owner.GetFromJsonAsync<List<ProductSummary>>("/api/merchant/products");
        products!.Count.ShouldBe(1, "the losers left nothing behind");
    }
}
