using Microsoft.AspNetCore.Authorization;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Platform.Outbox;

/// <summary>The signed-in person's notifications, newest first.</summary>
[Authorize]
public sealed class InboxModel(AppDbContext db, CurrentUser user) : PageModel
{
    public const int Take = 100;

    public List<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var userId = user.RequiredId;
        Notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Take).ToListAsync();
    }
}
