using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record ApplicationView(Guid Id, string BusinessName, string LicenseNumber, string ContactName, string ContactPhone, string Category,
    string Status, string? RejectionReason, DateTimeOffset SubmittedAt, DateTimeOffset? ReviewedAt, Guid? MerchantId,
    string LegalName = "", IReadOnlyList<string>? Categories = null, Guid? LicenceFileId = null, IReadOnlyList<Guid>? DocumentFileIds = null, string? ChangesNote = null)
{
    public static ApplicationView From(MerchantApplication a) => new(a.Id, a.BusinessName, a.LicenseNumber, a.ContactName, a.ContactPhone,
        a.Category, a.Status.ToString(), a.RejectionReason, a.SubmittedAt, a.ReviewedAt, a.MerchantId,
        a.LegalName, MerchantOnboarding.CategoriesOf(a), a.LicenceFileId, MerchantOnboarding.DocumentsOf(a), a.ChangesNote);
}

public sealed record RejectRequest(string? Reason);

public sealed record StoreView(Guid Id, string Name, string City, string Address, double Latitude, double Longitude, string Phone, string TimeZoneId, double ServiceRadiusKm)
{
    public static StoreView From(Store s) => new(s.Id, s.Name, s.City, s.Address, s.Latitude, s.Longitude, s.Phone, s.TimeZoneId, s.ServiceRadiusKm);
}

public static class MerchantEndpoints
{
    public static void MapMerchantEndpoints(this IEndpointRouteBuilder app)
    {
        var applications = app.MapGroup("/api/merchant-applications").WithTags("Merchants").RequireAuthorization();
        applications.MapPost("/", async (MerchantApplicationRequest request, MerchantOnboarding onboarding, CurrentUser user) =>
        {
            var application = await onboarding.ApplyAsync(user.RequiredId, request);
            return TypedResults.Created($"/api/merchant-applications/{application.Id}", ApplicationView.From(application));
        });
        applications.MapGet("/mine", async (AppDbContext db, CurrentUser user) =>
        {
            var mine = await db.MerchantApplications.AsNoTracking().Where(a => a.ApplicantUserId == user.RequiredId)
                .OrderByDescending(a => a.SubmittedAt).ToListAsync();
            return TypedResults.Ok(mine.Select(ApplicationView.From).ToList());
        });

        var review = app.MapGroup("/api/admin/merchant-applications").WithTags("Operations").RequireAuthorization(Policies.Review);
        review.MapGet("/", async (AppDbContext db, string? status) =>
        {
            var wanted = Enum.TryParse<ApplicationStatus>(status, true, out var parsed) ? parsed : ApplicationStatus.Pending;
            var list = await db.MerchantApplications.AsNoTracking().Where(a => a.Status == wanted).OrderBy(a => a.SubmittedAt).ToListAsync();
            return TypedResults.Ok(list.Select(ApplicationView.From).ToList());
        });
        review.MapPost("/{id:guid}/approve", async (Guid id, MerchantOnboarding onboarding, CurrentUser user) =>
        {
            var merchant = await onboarding.ApproveAsync(id, user.RequiredId);
            return TypedResults.Ok(new { merchantId = merchant.Id, merchant.Name });
        });
        review.MapPost("/{id:guid}/reject", async (Guid id, RejectRequest request, MerchantOnboarding onboarding, CurrentUser user) =>
        {
            await onboarding.RejectAsync(id, user.RequiredId, request.Reason);
            return TypedResults.NoContent();
        });

        // Each endpoint names its policy (decision 0016): stores are managed; staff belong to the owner.
        var merchant = app.MapGroup("/api/merchant").WithTags("Merchant console");
        merchant.MapGet("/stores", async (StoreManagement stores, CurrentUser user) =>
            TypedResults.Ok((await stores.StoresAsync(user.RequiredMerchantId)).Select(StoreView.From).ToList()))
            .RequireAuthorization(Policies.MerchantManage);
        merchant.MapPost("/stores", async (StoreRequest request, StoreManagement stores, CurrentUser user) =>
        {
            var store = await stores.AddStoreAsync(user.RequiredMerchantId, request);
            return TypedResults.Created($"/api/stores/{store.Id}", StoreView.From(store));
        }).RequireAuthorization(Policies.MerchantManage);
        merchant.MapGet("/staff", async (StoreManagement stores, CurrentUser user) => TypedResults.Ok(await stores.StaffAsync(user.RequiredMerchantId)))
            .RequireAuthorization(Policies.MerchantOwner);
        merchant.MapPost("/staff/clerks", async (ClerkRequest request, StoreManagement stores, CurrentUser user) =>
            TypedResults.Created("/api/merchant/staff", await stores.AddClerkAsync(user.RequiredMerchantId, request)))
            .RequireAuthorization(Policies.MerchantOwner);
        // Per-store permissions: the stores a clerk may verify at (empty: all of them).
        merchant.MapPut("/staff/{userId:guid}/stores", async (Guid userId, StoreAssignmentRequest request, StoreAssignments assignments, CurrentUser user) =>
            TypedResults.Ok(await assignments.AssignAsync(user.RequiredMerchantId, userId, request)))
            .RequireAuthorization(Policies.MerchantOwner);
    }
}
