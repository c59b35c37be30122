using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;

namespace LocalLoop.Catalog;

public sealed record RejectProductRequest(string? Reason);

public static class CatalogEndpoints
{
    public static void MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", (CategoryAdmin categories) => categories.TreeAsync(activeOnly: true)).WithTags("Catalog");
        app.MapGet("/api/brands", (BrandAdmin brands) => brands.AllAsync()).WithTags("Catalog");
        app.MapGet("/api/products/{id:guid}", async Task<IResult> (Guid id, Guid? store, ProductViews views) =>
            await views.PublicAsync(id, store) is { } product ? TypedResults.Ok(product) : throw ProductEditing.NotFound()).WithTags("Catalog");

        var admin = app.MapGroup("/api/admin").WithTags("Operations").RequireAuthorization(Policies.Admin);
        admin.MapGet("/categories", (CategoryAdmin categories) => categories.TreeAsync(activeOnly: false));
        admin.MapPost("/categories", async (CategoryRequest request, CategoryAdmin categories) =>
        {
            var created = await categories.AddAsync(request);
            return TypedResults.Created($"/api/admin/categories/{created.Code}", created);
        });
        admin.MapPut("/categories/{code}", async (string code, CategoryRenameRequest request, CategoryAdmin categories) =>
        {
            await categories.RenameAsync(code, request);
            return TypedResults.NoContent();
        });
        admin.MapPost("/categories/{code}/move", async (string code, CategoryMoveRequest request, CategoryAdmin categories) =>
        {
            await categories.MoveAsync(code, request.Direction);
            return TypedResults.NoContent();
        });
        admin.MapPost("/categories/{code}/deactivate", async (string code, CategoryAdmin categories) =>
        {
            await categories.SetActiveAsync(code, active: false);
            return TypedResults.NoContent();
        });
        admin.MapPost("/categories/{code}/activate", async (string code, CategoryAdmin categories) =>
        {
            await categories.SetActiveAsync(code, active: true);
            return TypedResults.NoContent();
        });
        admin.MapDelete("/categories/{code}", async (string code, CategoryAdmin categories) =>
        {
            await categories.DeleteAsync(code);
            return TypedResults.NoContent();
        });
        admin.MapPost("/brands", async (BrandRequest request, BrandAdmin brands) =>
        {
            var created = await brands.AddAsync(request);
            return TypedResults.Created($"/api/admin/brands/{created.Id}", created);
        });
        admin.MapPut("/brands/{id:guid}", async (Guid id, BrandRequest request, BrandAdmin brands) =>
        {
            await brands.RenameAsync(id, request);
            return TypedResults.NoContent();
        });

        var review = app.MapGroup("/api/admin/products").WithTags("Operations").RequireAuthorization(Policies.Review);
        review.MapGet("/pending", (ProductViews views) => views.PendingReviewAsync(Text.IsChinese));
        review.MapPost("/revisions/{revisionId:guid}/approve", async (Guid revisionId, ProductReview reviews) =>
        {
            await reviews.ApproveAsync(revisionId);
            return TypedResults.NoContent();
        });
        review.MapPost("/revisions/{revisionId:guid}/reject", async (Guid revisionId, RejectProductRequest request, ProductReview reviews) =>
        {
            await reviews.RejectAsync(revisionId, request.Reason);
            return TypedResults.NoContent();
        });

        var merchant = app.MapGroup("/api/merchant/products").WithTags("Merchant console").RequireAuthorization(Policies.MerchantManage);
        merchant.MapGet("/", (ProductViews views, CurrentUser user) => views.OfMerchantAsync(user.RequiredMerchantId));
        merchant.MapGet("/{id:guid}", (Guid id, ProductViews views, CurrentUser user) => views.OfMerchantAsync(user.RequiredMerchantId, id));
        merchant.MapPost("/", async (ProductRequest request, ProductEditing editing, ProductViews views, CurrentUser user) =>
        {
            var product = await editing.CreateAsync(user.RequiredMerchantId, request);
            return TypedResults.Created($"/api/merchant/products/{product.Id}", await views.OfMerchantAsync(user.RequiredMerchantId, product.Id));
        });
        merchant.MapPut("/{id:guid}", async (Guid id, ProductRequest request, ProductEditing editing, ProductViews views, CurrentUser user) =>
        {
            await editing.UpdateAsync(user.RequiredMerchantId, id, request);
            return TypedResults.Ok(await views.OfMerchantAsync(user.RequiredMerchantId, id));
        });
        merchant.MapPost("/{id:guid}/submit", async (Guid id, ProductEditing editing, CurrentUser user) =>
        {
            await editing.SubmitAsync(user.RequiredMerchantId, id);
            return TypedResults.NoContent();
        });
        merchant.MapPost("/{id:guid}/list", async (Guid id, ProductListing listing, CurrentUser user) =>
        {
            await listing.SetListedAsync(user.RequiredMerchantId, id, listed: true);
            return TypedResults.NoContent();
        });
        merchant.MapPost("/{id:guid}/delist", async (Guid id, ProductListing listing, CurrentUser user) =>
        {
            await listing.SetListedAsync(user.RequiredMerchantId, id, listed: false);
            return TypedResults.NoContent();
        });
        merchant.MapPut("/{id:guid}/skus/{skuId:guid}/stores/{storeId:guid}/price", async (Guid id, Guid skuId, Guid storeId, StorePriceRequest request, ProductListing listing, CurrentUser user) =>
        {
            await listing.SetStorePriceAsync(user.RequiredMerchantId, id, skuId, storeId, request.PriceFen);
            return TypedResults.NoContent();
        });
        merchant.MapDelete("/{id:guid}/skus/{skuId:guid}/stores/{storeId:guid}/price", async (Guid id, Guid skuId, Guid storeId, ProductListing listing, CurrentUser user) =>
        {
            await listing.RemoveStorePriceAsync(user.RequiredMerchantId, id, skuId, storeId);
            return TypedResults.NoContent();
        });
    }
}

public static class CatalogServices
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) => services
        .AddScoped<CategoryAdmin>().AddScoped<BrandAdmin>().AddScoped<ProductEditing>().AddScoped<ProductReview>()
        .AddScoped<ProductListing>().AddScoped<ProductViews>();
}
