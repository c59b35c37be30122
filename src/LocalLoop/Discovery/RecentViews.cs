using LocalLoop.Platform.Data;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

public enum RecentViewKind
{
    Store,
    Deal,
    Product,
}

/// <summary>A page a signed-in consumer looked at: one row per user and target, moved to the top when seen again.</summary>
public sealed class RecentView
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public RecentViewKind Kind { get; set; }
    public Guid TargetId { get; set; }
    public DateTimeOffset ViewedAt { get; set; }
}

public sealed record RecentViewItem(string Kind, Guid TargetId, string Title, string Url, DateTimeOffset ViewedAt);

/// <summary>The consumer's recently viewed stores, deals and products: the last <see cref="Kept"/>, de-duplicated.</summary>
public sealed class RecentViews(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public const int Kept = 30;

    /// <summary>Records a page view of the signed-in user; anonymous views are not kept.</summary>
    public async Task RecordAsync(RecentViewKind kind, Guid targetId)
    {
        if (user.Id is not { } userId)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (await TouchAsync(userId, kind, targetId, now) == 0)
        {
            try
            {
                db.RecentViews.Add(new RecentView { Id = Guid.CreateVersion7(), UserId = userId, Kind = kind, TargetId = targetId, ViewedAt = now });
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // The same page opened twice at once: the other request inserted the row (unique per user and target).
                db.ChangeTracker.Clear();
                await TouchAsync(userId, kind, targetId, now);
            }
        }

        var beyond = await db.RecentViews.Where(v => v.UserId == userId).OrderByDescending(v => v.ViewedAt).ThenByDescending(v => v.Id)
            .Skip(Kept).Select(v => v.Id).ToListAsync();
        if (beyond.Count > 0)
        {
            await db.RecentViews.Where(v => beyond.Contains(v.Id)).ExecuteDeleteAsync();
        }
    }

    /// <summary>The user's recent views, newest first, with titles; targets that no longer exist for consumers are skipped.</summary>
    public async Task<List<RecentViewItem>> OfAsync(Guid userId)
    {
        var views = await db.RecentViews.AsNoTracking().Where(v => v.UserId == userId).OrderByDescending(v => v.ViewedAt).Take(Kept).ToListAsync();
        var ids = views.Select(v => v.TargetId).ToList();
        var stores = await db.Stores.IgnoreQueryFilters().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        var deals = await db.Deals.IgnoreQueryFilters().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Title);
        var products = await db.Products.IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title);
        var items = new List<RecentViewItem>();
        foreach (var view in views)
        {
            var (title, url) = view.Kind switch
            {
                RecentViewKind.Store => (stores.GetValueOrDefault(view.TargetId), $"/stores/{view.TargetId}"),
                RecentViewKind.Deal => (deals.GetValueOrDefault(view.TargetId), $"/deals/{view.TargetId}"),
                _ => (products.GetValueOrDefault(view.TargetId), $"/products/{view.TargetId}"),
            };
            if (title is not null)
            {
                items.Add(new RecentViewItem(view.Kind.ToString(), view.TargetId, title, url, view.ViewedAt));
            }
        }

        return items;
    }

    private Task<int> TouchAsync(Guid userId, RecentViewKind kind, Guid targetId, DateTimeOffset now) =>
        db.RecentViews.Where(v => v.UserId == userId && v.Kind == kind && v.TargetId == targetId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ViewedAt, now));
}

public static class RecentViewEndpoints
{
    public static void MapRecentViewEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/recent", async (RecentViews recent, CurrentUser user) => TypedResults.Ok(await recent.OfAsync(user.RequiredId)))
            .WithTags("Discovery").RequireAuthorization();
}
