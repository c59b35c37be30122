using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Operations;

/// <summary>The operator's first screen: review queues, the platform's money and 14 days of GMV.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class DashboardModel(Dashboards dashboards) : PageModel
{
    public OperatorDashboard Numbers { get; private set; } = null!;

    public async Task OnGetAsync() => Numbers = await dashboards.ForPlatformAsync();
}
