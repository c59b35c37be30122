using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record RequestChangesRequest(string? Note);

public sealed record MerchantAdminView(Guid Id, string Name, string Category, string Status, DateTimeOffset? FrozenAt, string? FrozenReason, DateTimeOffset CreatedAt)
{
    public static MerchantAdminView From(Merchant m) => new(m.Id, m.Name, m.Category, m.Status.ToString(), m.FrozenAt, m.FrozenReason, m.CreatedAt);
}

/// <summary>Resubmission and change requests of applications, freezing merchants, and store photos.</summary>
public static class OnboardingEndpoints
{
    public const int AdminListSize = 100;

    public static void MapOnboardingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/merchant-applications/{id:guid}", async (Guid id, MerchantApplicationRequest request, MerchantOnboarding onboarding, CurrentUser user) =>
        {
            await onboarding.ResubmitAsync(user.RequiredId, id, request);
            return TypedResults.NoContent();
        }).WithTags("Merchants").RequireAuthorization();

        app.MapPost("/api/admin/merchant-applications/{id:guid}/request-changes", async (Guid id, RequestChangesRequest request, MerchantOnboarding onboarding, CurrentUser user) =>
        {
            await onboarding.RequestChangesAsync(id, user.RequiredId, request.Note);
            return TypedResults.NoContent();
        }).WithTags("Operations").RequireAuthorization(Policies.Review);

        var admin = app.MapGroup("/api/admin/merchants").WithTags("Operations").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async (AppDbContext db, string? q, string? status) =>
            TypedResults.Ok((await MerchantDirectory.SearchAsync(db, q, status)).Select(MerchantAdminView.From).ToList()));
        admin.MapPost("/{id:guid}/freeze", async (Guid id, FreezeRequest request, MerchantFreezing freezing) =>
        {
            await freezing.FreezeAsync(id, request.Reason);
            return TypedResults.NoContent();
        });
        admin.MapPost("/{id:guid}/unfreeze", async (Guid id, MerchantFreezing freezing) =>
        {
            await freezing.UnfreezeAsync(id);
            return TypedResults.NoContent();
        });

        app.MapGet("/api/stores/{id:guid}/photos", async (Guid id, StorePhotos photos) => TypedResults.Ok(await photos.PublicAsync(id)))
            .WithTags("Discovery").AllowAnonymous();
        var photos = app.MapGroup("/api/merchant/stores/{storeId:guid}/photos").WithTags("Merchant console").RequireAuthorization(Policies.MerchantManage);
        photos.MapGet("/", async (Guid storeId, StorePhotos photos, CurrentUser user) =>
            TypedResults.Ok(await photos.OfMerchantStoreAsync(user.RequiredMerchantId, storeId)));
        photos.MapPost("/", async (Guid storeId, AddStorePhotoRequest request, StorePhotos photos, CurrentUser user) =>
        {
            var photo = await photos.AddAsync(user.RequiredMerchantId, storeId, request.FileId);
            return TypedResults.Created($"/api/merchant/stores/{storeId}/photos", photo);
        });
        photos.MapPut("/order", async (Guid storeId, ReorderStorePhotosRequest request, StorePhotos photos, CurrentUser user) =>
            TypedResults.Ok(await photos.ReorderAsync(user.RequiredMerchantId, storeId, request.PhotoIds)));
        photos.MapDelete("/{photoId:guid}", async (Guid storeId, Guid photoId, StorePhotos photos, CurrentUser user) =>
        {
            await photos.DeleteAsync(user.RequiredMerchantId, storeId, photoId);
            return TypedResults.NoContent();
        });
    }
}

/// <summary>The admin's list of merchants: by name (substring), optionally one status, newest first.</summary>
public static class MerchantDirectory
{
    public static Task<List<Merchant>> SearchAsync(AppDbContext db, string? nameContains, string? status)
    {
        var query = db.Merchants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(nameContains))
        {
            var term = nameContains.Trim();
            query = query.Where(m => m.Name.Contains(term));
        }

        if (Enum.TryParse<MerchantStatus>(status, ignoreCase: true, out var wanted) && Enum.IsDefined(wanted))
        {
            query = query.Where(m => m.Status == wanted);
        }

        return query.OrderByDescending(m => m.CreatedAt).Take(OnboardingEndpoints.AdminListSize).ToListAsync();
    }
}
