using LocalLoop.Deals;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>The merchant's deals with their review status; staff may look, the owner creates.</summary>
[Authorize(Policy = Policies.MerchantStaff)]
public sealed class DealsModel(DealViews views, CurrentUser user) : PageModel
{
    public List<DealView> Deals { get; private set; } = [];

    public bool IsOwner => user.IsInRole(Roles.MerchantOwner);

    [TempData]
    public string? Created { get; set; }

    public async Task OnGetAsync() => Deals = await views.OfMerchantAsync(user.RequiredMerchantId);
}
