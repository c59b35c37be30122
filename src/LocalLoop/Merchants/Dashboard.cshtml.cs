using LocalLoop.Operations;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>
/// The console's landing: owners and managers see the merchant's numbers and 14 days of verifications; counter staff go
/// straight to verification, an acting agent to the deals; a member with nothing here yet (warehouse, service) sees a note.
/// </summary>
[Authorize]
public sealed class DashboardModel(Dashboards dashboards, CurrentUser user, IAuthorizationService authorization) : PageModel
{
    public MerchantDashboard Numbers { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.MerchantFinance)).Succeeded)
        {
            return (await authorization.AuthorizeAsync(User, Policies.MerchantStaff)).Succeeded ? Redirect("/merchant/verify")
                : (await authorization.AuthorizeAsync(User, Policies.MerchantManage)).Succeeded ? Redirect("/merchant/deals")
                : user.MerchantId is not null ? Redirect("/merchant/welcome")
                : Forbid();
        }

        Numbers = await dashboards.ForMerchantAsync(user.RequiredMerchantId);
        return Page();
    }
}
