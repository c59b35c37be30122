using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Operations;

public sealed record ApplicationRow(MerchantApplication Application, string ApplicantEmail, string ApplicantName);

/// <summary>The reviewer's queue of merchant applications: approve, or reject with a reason the applicant will read.</summary>
[Authorize(Policy = Policies.Review)]
public sealed class MerchantReviewsModel(MerchantOnboarding onboarding, AppDbContext db, CurrentUser user, Text text) : ActionPageModel
{
    public const int DecidedShown = 50;

    public List<ApplicationRow> Pending { get; private set; } = [];

    public List<ApplicationRow> Decided { get; private set; } = [];

    /// <summary>Sent back for changes: waiting for the applicant, not for a reviewer.</summary>
    public List<ApplicationRow> AwaitingApplicant { get; private set; } = [];

    /// <summary>The row whose action failed, with why, and the reason the reviewer had typed.</summary>
    public Guid? ErrorRow { get; private set; }

    public string? RowError { get; private set; }

    public string? TypedReason { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid id) => ActAsync(async () =>
    {
        var merchant = await onboarding.ApproveAsync(id, user.RequiredId);
        return text.Format("admin.merchants.approved", merchant.Name);
    }, ex => FailAsync(id, ex.MessageIn(Text.IsChinese), null));

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            await FailAsync(id, text["admin.reasonRequired"], reason);
            return Page();
        }

        return await ActAsync(() => onboarding.RejectAsync(id, user.RequiredId, reason), text["admin.merchants.rejected"],
            ex => FailAsync(id, ex.MessageIn(Text.IsChinese), reason));
    }

    public Task<IActionResult> OnPostRequestChangesAsync(Guid id, string? note) =>
        ActAsync(() => onboarding.RequestChangesAsync(id, user.RequiredId, note), text["onboard.changesRequested"],
            ex => FailAsync(id, ex.MessageIn(Text.IsChinese), note));

    private async Task FailAsync(Guid id, string message, string? reason)
    {
        ErrorRow = id;
        RowError = message;
        TypedReason = reason;
        await LoadAsync();
        if (Pending.All(p => p.Application.Id != id))
        {
            // Decided meanwhile (another reviewer was quicker): say so at the top.
            ModelState.AddModelError(string.Empty, message);
        }
    }

    protected override async Task LoadAsync()
    {
        var rows = from application in db.MerchantApplications.AsNoTracking()
                   join applicant in db.Users on application.ApplicantUserId equals applicant.Id
                   select new { application, applicant.Email, applicant.DisplayName };
        Pending = (await rows.Where(r => r.application.Status == ApplicationStatus.Pending).OrderBy(r => r.application.SubmittedAt).ToListAsync())
            .Select(r => new ApplicationRow(r.application, r.Email ?? "", r.DisplayName)).ToList();
        AwaitingApplicant = (await rows.Where(r => r.application.Status == ApplicationStatus.ChangesRequested).OrderBy(r => r.application.ReviewedAt).ToListAsync())
            .Select(r => new ApplicationRow(r.application, r.Email ?? "", r.DisplayName)).ToList();
        Decided = (await rows.Where(r => r.application.Status == ApplicationStatus.Approved || r.application.Status == ApplicationStatus.Rejected)
                .OrderByDescending(r => r.application.ReviewedAt).Take(DecidedShown).ToListAsync())
            .Select(r => new ApplicationRow(r.application, r.Email ?? "", r.DisplayName)).ToList();
    }
}
