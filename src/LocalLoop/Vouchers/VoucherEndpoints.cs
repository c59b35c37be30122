using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;

namespace LocalLoop.Vouchers;

public static class VoucherEndpoints
{
    public const int MaxApiPageSize = 100;

    public static void MapVoucherEndpoints(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/me/vouchers").WithTags("Vouchers").RequireAuthorization();
        // Without ?page the whole list, as before; with it one page, the totals in X-Total-Count and X-Page-Count headers.
        mine.MapGet("/", async (VoucherQueries queries, CurrentUser user, HttpResponse response, int? page, int? pageSize) =>
        {
            if (page is null && pageSize is null)
            {
                return TypedResults.Ok(await queries.OfConsumerAsync(user.RequiredId));
            }

            var size = pageSize ?? VoucherQueries.MinePageSize;
            if (page < 1 || size is < 1 or > MaxApiPageSize)
            {
                throw Validation.Single("page", $"Ask for page 1 or later, with 1 to {MaxApiPageSize} vouchers a page.", $"页码从 1 开始，每页 1 到 {MaxApiPageSize} 张券。");
            }

            var result = await queries.PageOfConsumerAsync(user.RequiredId, page ?? 1, size);
            response.Headers["X-Total-Count"] = result.Total.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Page-Count"] = result.PageCount.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok(result.Items);
        });
        mine.MapPost("/{id:guid}/refund", async (Guid id, VoucherRefunds refunds, CurrentUser user, HttpRequest request) =>
            TypedResults.Ok(await refunds.RefundAsync(user.RequiredId, id, request)))
            .WithIdempotency();

        var merchant = app.MapGroup("/api/merchant/verifications").WithTags("Merchant console").RequireAuthorization(Policies.MerchantStaff);
        merchant.MapPost("/", async (VerifyRequest request, VoucherVerification verification, CurrentUser user) =>
            TypedResults.Ok(await verification.VerifyAsync(user.RequiredMerchantId, user.RequiredId, request)))
            .WithIdempotency();
        // "A table of four": all or nothing, at most 20 (see VoucherVerification.VerifyBatchAsync).
        merchant.MapPost("/batch", async (BatchVerifyRequest request, VoucherVerification verification, CurrentUser user) =>
            TypedResults.Ok(await verification.VerifyBatchAsync(user.RequiredMerchantId, user.RequiredId, request)))
            .WithIdempotency();
        merchant.MapGet("/", async (VoucherQueries queries, CurrentUser user) => TypedResults.Ok(await queries.LogAsync(user.RequiredMerchantId, user.RequiredId)));
        merchant.MapPost("/{attemptId:guid}/reverse", async (Guid attemptId, ReverseRequest request, VerificationReversal reversal, CurrentUser user) =>
            TypedResults.Ok(await reversal.ReverseByStaffAsync(user.RequiredMerchantId, user.RequiredId, attemptId, request)))
            .WithIdempotency();

        var counter = app.MapGroup("/api/merchant/vouchers").WithTags("Merchant console").RequireAuthorization(Policies.MerchantStaff);
        counter.MapGet("/lookup", async (string? phone, Guid storeId, VoucherVerification verification, CurrentUser user) =>
            TypedResults.Ok(await verification.LookUpByPhoneAsync(user.RequiredMerchantId, user.RequiredId, storeId, phone)));
        // What a code is for and whether it can be used here now, before the clerk confirms (see VoucherVerification.PreviewAsync).
        counter.MapGet("/preview", async (string? code, Guid storeId, VoucherVerification verification, CurrentUser user) =>
            TypedResults.Ok(await verification.PreviewAsync(user.RequiredMerchantId, user.RequiredId, storeId, code)));

        // After the store's window only an admin may reverse (a reviewer may not: this moves money).
        var admin = app.MapGroup("/api/admin/verifications").WithTags("Operations").RequireAuthorization(Policies.Admin);
        admin.MapPost("/{attemptId:guid}/reverse", async (Guid attemptId, ReverseRequest request, VerificationReversal reversal, CurrentUser user) =>
            TypedResults.Ok(await reversal.ReverseByAdminAsync(user.RequiredId, attemptId, request)))
            .WithIdempotency();
    }
}
