using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <summary>A signed-in person applies to become a merchant and follows their applications' review.</summary>
[Authorize]
public sealed class ApplyModel(MerchantOnboarding onboarding, AppDbContext db, CurrentUser user) : PageModel
{
    [BindProperty]
    public ApplyInput Input { get; set; } = new();

    public List<MerchantApplication> Applications { get; private set; } = [];

    /// <summary>The person already works for a merchant: nothing to apply for.</summary>
    public bool IsStaff => user.MerchantId is not null;

    public bool HasPending => Applications.Any(a => a.Status == ApplicationStatus.Pending);

    /// <summary>Approved, but this sign-in predates it: the person must sign in again to become the owner.</summary>
    public bool HasApproved => Applications.Any(a => a.Status == ApplicationStatus.Approved);

    [TempData]
    public string? Success { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await onboarding.ApplyAsync(user.RequiredId, new MerchantApplicationRequest(
                Input.BusinessName ?? "", Input.LicenseNumber ?? "", Input.ContactName ?? "", Input.ContactPhone ?? "", Input.Category ?? ""));
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
            await LoadAsync();
            return Page();
        }

        Success = "merchant.apply.submitted";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var me = user.RequiredId;
        Applications = await db.MerchantApplications.AsNoTracking().Where(a => a.ApplicantUserId == me)
            .OrderByDescending(a => a.SubmittedAt).ToListAsync();
    }
}

public sealed class ApplyInput
{
    public string? BusinessName { get; set; }
    public string? LicenseNumber { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Category { get; set; }
}
