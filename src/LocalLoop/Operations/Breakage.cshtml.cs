using LocalLoop.Platform.Identity;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Operations;

/// <summary>The breakage report across all merchants, or one chosen merchant.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class BreakageModel(BreakageReport report) : PageModel
{
    public BreakageFilterForm Filter { get; } = new();

    public List<MerchantOption> Merchants { get; private set; } = [];

    public Guid? MerchantId { get; private set; }

    public async Task OnGetAsync(string? from, string? to, Guid? merchantId)
    {
        MerchantId = merchantId;
        Merchants = await report.MerchantsAsync();
        await Filter.LoadAsync(ModelState, report, from, to, merchantId);
    }
}
