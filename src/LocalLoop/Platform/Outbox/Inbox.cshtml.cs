using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Platform.Outbox;

/// <summary>The signed-in person's notifications, newest first.</summary>
[Authorize]
public sealed class InboxModel(InboxQueries inbox, CurrentUser user) : PageModel
{
    public List<NotificationView> Notifications { get; private set; } = [];

    public async Task OnGetAsync() => Notifications = await inbox.ForUserAsync(user.RequiredId);
}
