using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Tests.Infrastructure;

namespace LocalLoop.Tests.Catalog;

/// <summary>Products as merchants write them, and the reviewer's and consumer's side, through the public API.</summary>
public static class CatalogScenario
{
    /// <summary>A T-shirt in 尺码 (M, L) × 颜色 (白, 黑): four SKUs priced 99, 99, 109, 109 yuan.</summary>
    public static ProductRequest Shirt(string prefix, string title = "纯棉圆领T恤") => new(
        nameof(ProductKind.Goods), title, "apparel.men", null, "100% 棉 / cotton",
        new KindFields { WeightGrams = 250, ShipsFromStore = true },
        [new SpecDimension("尺码", ["M", "L"]), new SpecDimension("颜色", ["白", "黑"])],
        [
            new SkuRequest(["M", "白"], $"{prefix}-M-W", "6901234567892", 9_900, 4_000),
            new SkuRequest(["M", "黑"], $"{prefix}-M-B", null, 9_900, 4_000),
            new SkuRequest(["L", "白"], $"{prefix}-L-W", null, 10_900, 4_500),
            new SkuRequest(["L", "黑"], $"{prefix}-L-B", null, 10_900, 4_500),
        ]);

    public static string NewPrefix() => "T" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<ProductDetail> CreateAsync(HttpClient owner, ProductRequest request) =>
        await owner.PostAsJsonAsync("/api/merchant/products", request).ShouldReturnAsync<ProductDetail>(201);

    public static async Task SubmitAsync(HttpClient owner, Guid productId) =>
        await (await owner.PostAsync($"/api/merchant/products/{productId}/submit", null)).ShouldHaveStatusAsync(204);

    /// <summary>The pending revision of the product, as the reviewer's queue shows it.</summary>
    public static async Task<ProductReviewItem> PendingAsync(HttpClient reviewer, Guid productId) =>
        (await reviewer.GetFromJsonAsync<List<ProductReviewItem>>("/api/admin/products/pending"))!.Single(p => p.ProductId == productId);

    public static Task<HttpResponseMessage> ApproveAsync(HttpClient reviewer, Guid revisionId) =>
        reviewer.PostAsync($"/api/admin/products/revisions/{revisionId}/approve", null);

    /// <summary>Create, submit, approve and list: a product consumers can find.</summary>
    public static async Task<ProductDetail> LiveAsync(TestApp app, HttpClient owner, ProductRequest request)
    {
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var product = await CreateAsync(owner, request);
        await SubmitAsync(owner, product.Id);
        await (await ApproveAsync(reviewer, product.Working!.Id)).ShouldHaveStatusAsync(204);
        await (await owner.PostAsync($"/api/merchant/products/{product.Id}/list", null)).ShouldHaveStatusAsync(204);
        return (await owner.GetFromJsonAsync<ProductDetail>($"/api/merchant/products/{product.Id}"))!;
    }
}

public static class CatalogProblems
{
    /// <summary>Asserts a 400 whose field errors include <paramref name="field"/>, in English and in Chinese.</summary>
    public static async Task ShouldRefuseFieldAsync(this Task<HttpResponseMessage> request, string field)
    {
        var response = await (await request).ShouldHaveStatusAsync(400);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var english = problem.RootElement.GetProperty("errors");
        var chinese = problem.RootElement.GetProperty("errorsZh");
        english.TryGetProperty(field, out _).ShouldBe(true, $"an error for {field} in {english}");
        chinese.GetProperty(field).GetString()!.Any(c => c >= 0x4e00 && c <= 0x9fff).ShouldBeTrue();
    }
}
