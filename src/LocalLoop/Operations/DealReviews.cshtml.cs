using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Operations;

/// <summary>The reviewer's queue of new deals: approve (consumers see it) or reject with a reason the merchant will read.</summary>
[Authorize(Policy = Policies.Review)]
public sealed class DealReviewsModel(DealManagement deals, DealViews views, Text text) : ActionPageModel
{
    public List<DealView> Pending { get; private set; } = [];

    public Guid? ErrorRow { get; private set; }

    public string? RowError { get; private set; }

    public string? TypedReason { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid id) => ActAsync(async () =>
    {
        var title = (await views.AnyStatusAsync(id))?.Title ?? "";
        await deals.ReviewAsync(id, approve: true, reason: null);
        return text.Format("admin.deals.approved", title);
    }, ex => FailAsync(id, ex.MessageIn(Text.IsChinese), null));

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            await FailAsync(id, text["admin.reasonRequired"], reason);
            return Page();
        }

        return await ActAsync(async () =>
        {
            var title = (await views.AnyStatusAsync(id))?.Title ?? "";
            await deals.ReviewAsync(id, approve: false, reason);
            return text.Format("admin.deals.rejected", title);
        }, ex => FailAsync(id, ex.MessageIn(Text.IsChinese), reason));
    }

    private async Task FailAsync(Guid id, string message, string? reason)
    {
        ErrorRow = id;
        RowError = message;
        TypedReason = reason;
        await LoadAsync();
        if (Pending.All(d => d.Id != id))
        {
            ModelState.AddModelError(string.Empty, message);
        }
    }

    protected override async Task LoadAsync() => Pending = await views.PendingReviewAsync();
}
