using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Reviews;

public sealed record ReviewRequest(Guid VoucherId, int Rating, string? Text);

public sealed record ReviewView(Guid Id, string ConsumerName, int Rating, string Text, DateTimeOffset CreatedAt, string DealTitle);

/// <summary>Feedback closes the loop: only a consumer whose voucher was verified may rate the store, once per voucher.</summary>
public sealed class Reviewing(AppDbContext db, CurrentUser user, TimeProvider clock, SearchIndex searchIndex)
{
    public async Task<Review> CreateAsync(Guid consumerId, ReviewRequest request)
    {
        var errors = new Validation();
        errors.Check(nameof(request.Rating), request.Rating is >= 1 and <= 5, "Rating must be 1 to 5 stars.", "请选择 1 到 5 星的评分。");
        errors.Check(nameof(request.Text), (request.Text?.Length ?? 0) <= 1000, "A review must be at most 1000 characters.", "评价内容不能超过 1000 个字符。");
        errors.ThrowIfAny();

        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Id == request.VoucherId && v.ConsumerId == consumerId)
            ?? throw DomainException.NotFound("Voucher", "券");
        if (voucher.ReviewedAt is not null)
        {
            throw AlreadyReviewed();
        }

        if (voucher.UsesLeft == voucher.TotalUses || voucher.VerifiedAtStoreId is null)
        {
            throw NotConsumed();
        }

        var review = new Review
        {
            Id = Guid.CreateVersion7(),
            VoucherId = voucher.Id,
            ConsumerId = consumerId,
            ConsumerName = user.DisplayName,
            MerchantId = voucher.MerchantId,
            StoreId = voucher.VerifiedAtStoreId.Value,
            DealId = voucher.DealId,
            Rating = request.Rating,
            Text = request.Text?.Trim() ?? "",
            CreatedAt = clock.GetUtcNow(),
        };
        // Marking the voucher reviewed is the conditional step: it fails if a second review or a reversal of the
        // verification got there first, so a review always rests on a consumption that still stands. A card may be
        // reviewed once, from its first use on (the store of its latest use); the uses before the review can no
        // longer be reversed.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var marked = await db.Vouchers.Where(v => v.Id == voucher.Id && v.UsesLeft < v.TotalUses && v.ReviewedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ReviewedAt, review.CreatedAt));
        if (marked == 0)
        {
            var reviewed = await db.Vouchers.Where(v => v.Id == voucher.Id).Select(v => v.ReviewedAt).SingleAsync();
            throw reviewed is not null ? AlreadyReviewed() : NotConsumed();
        }

        db.Reviews.Add(review);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await searchIndex.RefreshMerchantAsync(review.MerchantId);

        return review;
    }

    private static DomainException AlreadyReviewed() =>
        DomainException.Conflict("already_reviewed", "You have already reviewed this visit.", "你已评价过这次消费，不能重复评价。");

    private static DomainException NotConsumed() =>
        DomainException.Conflict("not_consumed", "You can review only after the voucher has been used in the store.", "券在门店核销后才能评价。");
}

public sealed class ReviewQueries(AppDbContext db)
{
    public Task<List<ReviewView>> ForStoreAsync(Guid storeId) => Query(db.Reviews.Where(r => r.StoreId == storeId));

    public Task<List<ReviewView>> ForDealAsync(Guid dealId) => Query(db.Reviews.Where(r => r.DealId == dealId));

    private Task<List<ReviewView>> Query(IQueryable<Review> reviews) =>
        (from review in reviews
         join deal in db.Deals.IgnoreQueryFilters() on review.DealId equals deal.Id
         orderby review.CreatedAt descending
         select new ReviewView(review.Id, review.ConsumerName, review.Rating, review.Text, review.CreatedAt, deal.Title))
        .Take(100).AsNoTracking().ToListAsync();
}

public static class ReviewEndpoints
{
    public static void MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Reviews");
        group.MapPost("/reviews", async (ReviewRequest request, Reviewing reviewing, CurrentUser user) =>
        {
            var review = await reviewing.CreateAsync(user.RequiredId, request);
            return TypedResults.Created($"/api/stores/{review.StoreId}/reviews", new { review.Id, review.StoreId, review.Rating, review.Text });
        }).RequireAuthorization();
        group.MapGet("/stores/{id:guid}/reviews", async (Guid id, ReviewQueries reviews, AppDbContext db) =>
            await db.Stores.AnyAsync(s => s.Id == id) ? TypedResults.Ok(await reviews.ForStoreAsync(id)) : throw DomainException.NotFound("Store", "门店"));
        group.MapGet("/deals/{id:guid}/reviews", async (Guid id, ReviewQueries reviews, AppDbContext db) =>
            await db.Deals.AnyAsync(d => d.Id == id && d.Status == Deals.DealStatus.Approved) ? TypedResults.Ok(await reviews.ForDealAsync(id)) : throw DomainException.NotFound("Deal", "团购"));
    }
}
