using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Vouchers;

/// <summary>The owner's breakage report: their deals only. Clerks are refused (403).</summary>
[Authorize(Policy = Policies.MerchantFinance)]
public sealed class MerchantBreakageModel(BreakageReport report, CurrentUser user) : PageModel
{
    public BreakageFilterForm Filter { get; } = new();

    public async Task OnGetAsync(string? from, string? to) =>
        await Filter.LoadAsync(ModelState, report, from, to, user.RequiredMerchantId);
}
