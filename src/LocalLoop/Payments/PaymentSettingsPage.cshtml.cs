using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Payments;

/// <summary>The merchant's payment settings: whether consumers may pay cash on delivery.</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class PaymentSettingsPageModel(CashOnDeliverySettings settings, CurrentUser user) : PageModel
{
    [BindProperty]
    public bool AllowsCashOnDelivery { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync() => AllowsCashOnDelivery = (await settings.GetAsync(user.RequiredMerchantId)).Allowed;

    public async Task<IActionResult> OnPostAsync()
    {
        await settings.SetAsync(user.RequiredMerchantId, AllowsCashOnDelivery);
        Saved = "payments2.settings.saved";
        return RedirectToPage();
    }
}
