using LocalLoop.Deals;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>The merchant's deals with their review status, for those who manage the shop (owner, manager, acting agent).</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class DealsModel(DealViews views, CurrentUser user) : PageModel
{
    public List<DealView> Deals { get; private set; } = [];

    [TempData]
    public string? Created { get; set; }

    public async Task OnGetAsync() => Deals = await views.OfMerchantAsync(user.RequiredMerchantId);
}
