using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Platform.Outbox;

public sealed record NotificationView(Guid Id, string Title, string Body, DateTimeOffset CreatedAt);

/// <summary>A person's in-app inbox, newest first: read by the inbox page and the API.</summary>
public sealed class InboxQueries(AppDbContext db)
{
    public const int Take = 100;

    public Task<List<NotificationView>> ForUserAsync(Guid userId) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Take)
            .Select(n => new NotificationView(n.Id, n.Title, n.Body, n.CreatedAt)).ToListAsync();
}

public static class InboxEndpoints
{
    public static void MapInboxEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/notifications", async (InboxQueries inbox, Tenancy.CurrentUser user) => TypedResults.Ok(await inbox.ForUserAsync(user.RequiredId)))
            .WithTags("Accounts").RequireAuthorization();
}
