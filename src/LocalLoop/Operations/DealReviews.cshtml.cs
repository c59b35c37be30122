using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Operations;

/// <summary>The reviewer's queue of new deals: approve (consumers see it) or reject with a reason the merchant will read.</summary>
[Authorize(Policy = Policies.Review)]
public sealed class DealReviewsModel(DealManagement deals, DealViews views, Text text) : PageModel
{
    public List<DealView> Pending { get; private set; } = [];

    public Guid? ErrorRow { get; private set; }

    public string? RowError { get; private set; }

    public string? TypedReason { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => Pending = await views.PendingReviewAsync();

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        try
        {
            var title = (await views.AnyStatusAsync(id))?.Title ?? "";
            await deals.ReviewAsync(id, approve: true, reason: null);
            Done = text.Format("admin.deals.approved", title);
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            return await FailAsync(id, ex.MessageIn(Text.IsChinese), null);
        }
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return await FailAsync(id, text["admin.reasonRequired"], reason);
        }

        try
        {
            var title = (await views.AnyStatusAsync(id))?.Title ?? "";
            await deals.ReviewAsync(id, approve: false, reason);
            Done = text.Format("admin.deals.rejected", title);
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            return await FailAsync(id, ex.MessageIn(Text.IsChinese), reason);
        }
    }

    private async Task<IActionResult> FailAsync(Guid id, string message, string? reason)
    {
        ErrorRow = id;
        RowError = message;
        TypedReason = reason;
        Pending = await views.PendingReviewAsync();
        if (Pending.All(d => d.Id != id))
        {
            ModelState.AddModelError(string.Empty, message);
        }

        return Page();
    }
}
