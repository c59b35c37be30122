using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Discovery;

/// <summary>The consumer's recently viewed stores, deals and products.</summary>
[Authorize]
public sealed class RecentModel(RecentViews recent, CurrentUser user) : PageModel
{
    public List<RecentViewItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await recent.OfAsync(user.RequiredId);
}
