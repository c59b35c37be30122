using LocalLoop.Operations;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>The owner's first screen: the merchant's numbers and 14 days of verifications. Clerks go straight to verification.</summary>
[Authorize(Policy = Policies.MerchantStaff)]
public sealed class DashboardModel(Dashboards dashboards, CurrentUser user) : PageModel
{
    public MerchantDashboard Numbers { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!user.IsInRole(Roles.MerchantOwner))
        {
            return Redirect("/merchant/verify");
        }

        Numbers = await dashboards.ForMerchantAsync(user.RequiredMerchantId);
        return Page();
    }
}
