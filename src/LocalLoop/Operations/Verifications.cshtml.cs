using LocalLoop.ExternalCodes;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Operations;

/// <summary>
/// The operator's verification lookup: every attempt on a code, or of a merchant on a day. Reviewers look; admins
/// also reverse a successful verification with a reason — ours through <see cref="VerificationReversal"/>, an
/// external code's through its platform (<see cref="ExternalCodeReversal"/>).
/// </summary>
[Authorize(Policy = Policies.Operator)]
public sealed class VerificationsModel(VerificationLookup lookup, BreakageReport report, VerificationReversal reversal, ExternalCodeReversal externalReversal,
    IAuthorizationService authorization, CurrentUser user, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? MerchantId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    public List<VerificationLookupRow>? Rows { get; private set; }

    public List<MerchantOption> Merchants { get; private set; } = [];

    public bool CanReverse { get; private set; }

    public Guid? ErrorRow { get; private set; }

    public string? RowError { get; private set; }

    public string? TypedReason { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostReverseAsync(Guid attemptId, Guid? consumptionId, string? reason)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            var request = new ReverseRequest(reason);
            if (consumptionId is { } external)
            {
                await externalReversal.ReverseByAdminAsync(user.RequiredId, external, request);
            }
            else
            {
                await reversal.ReverseByAdminAsync(user.RequiredId, attemptId, request);
            }

            Done = text["verlookup.reversed"];
            return RedirectToPage(new { Code, MerchantId, Date });
        }
        catch (DomainException ex)
        {
            ErrorRow = attemptId;
            RowError = ex.MessageIn(Text.IsChinese);
            TypedReason = reason;
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        CanReverse = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        Merchants = await report.MerchantsAsync();
        var search = new VerificationSearch(Code, MerchantId, Date);
        if (search.IsEmpty)
        {
            return;
        }

        try
        {
            Rows = await lookup.SearchAsync(search);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(nameof(Code), ex.MessageIn(Text.IsChinese));
        }
    }
}
