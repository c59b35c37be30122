using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace LocalLoop.Platform.Uploads;

public sealed record UploadView(Guid Id, string Url, string Purpose, string ContentType, long SizeBytes, string Visibility)
{
    public static UploadView From(UploadedFile f) => new(f.Id, $"/files/{f.Id}", f.Purpose.ToString(), f.ContentType, f.SizeBytes, f.Visibility.ToString());
}

public static class UploadEndpoints
{
    public static void MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        // Cookie-signed browsers must send the antiforgery token (a cross-site form could post a file); bearer clients
        // cannot be driven by another site, so they need none, as with every other API here.
        app.MapPost("/api/uploads", async (HttpContext http, IAntiforgery antiforgery, IAuthorizationService authorization, ImageUploads uploads, CurrentUser user) =>
        {
            if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !await antiforgery.IsRequestValidAsync(http))
            {
                throw new DomainException("antiforgery_failed", "The form expired. Reload the page and try again.", "页面已过期，请刷新后重试。");
            }

            if (!http.Request.HasFormContentType)
            {
                throw Validation.Single("file", "Send the image as multipart/form-data with a file and a purpose.", "请以 multipart/form-data 方式上传图片并注明用途。");
            }

            var form = await http.Request.ReadFormAsync();
            var purpose = ParsePurpose(form["purpose"]);
            Guid? merchantId = null;
            if (purpose == UploadPurpose.StorePhoto)
            {
                // Store photos belong to a merchant: only people who run its stores may add them.
                if (!(await authorization.AuthorizeAsync(http.User, Policies.MerchantManage)).Succeeded)
                {
                    throw new DomainException("forbidden", "Only a merchant's owner or manager uploads store photos.", "只有商家店主或店长可以上传门店照片。", StatusCodes.Status403Forbidden);
                }

                merchantId = user.MerchantId;
            }

            var file = await uploads.SaveAsync(user.RequiredId, merchantId, purpose, form.Files.GetFile("file"));
            return TypedResults.Created($"/files/{file.Id}", UploadView.From(file));
        }).WithTags("Uploads").RequireAuthorization().DisableAntiforgery();

        app.MapGet("/files/{id:guid}", async (Guid id, HttpContext http, ImageUploads uploads, CurrentUser user) =>
        {
            var file = await uploads.FindVisibleAsync(id, user) ?? throw DomainException.NotFound("File", "文件");
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentDisposition = "inline";
            // Content never changes under an id: public files may be cached anywhere; private ones only by the viewer's browser.
            headers.CacheControl = file.Visibility == FileVisibility.Public ? "public, max-age=31536000, immutable" : "private, max-age=3600";
            return TypedResults.PhysicalFile(uploads.PathOf(file.Id), file.ContentType, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
        }).WithTags("Uploads").AllowAnonymous();
    }

    private static UploadPurpose ParsePurpose(string? value) =>
        Enum.TryParse<UploadPurpose>(value, ignoreCase: true, out var purpose) && Enum.IsDefined(purpose) && !int.TryParse(value, out _)
            ? purpose
            : throw Validation.Single("purpose", "Purpose must be MerchantLicence, MerchantDocument or StorePhoto.",
                "用途须为 MerchantLicence（营业执照）、MerchantDocument（其他资质）或 StorePhoto（门店照片）。");
}
