using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.HostedOperation;

/// <summary>The owner's hosted operation (代运营): grant an agent, see what agents did, revoke a grant.</summary>
[Authorize(Policy = Policies.MerchantOwner)]
public sealed class HostingModel(HostingGrants grants, AppDbContext db, CurrentUser user) : PageModel
{
    [BindProperty]
    public GrantInput Input { get; set; } = new();

    public List<GrantView> Grants { get; private set; } = [];

    public List<AuditEntryView> Audit { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var grant = await grants.GrantAsync(user.RequiredMerchantId, user.RequiredId, new GrantRequest(Input.Agent, Input.Until));
            Done = grant.AgentName;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid grantId)
    {
        try
        {
            await grants.RevokeAsync(user.RequiredMerchantId, user.RequiredId, grantId);
            Done = (await grants.OfMerchantAsync(user.RequiredMerchantId)).FirstOrDefault(g => g.Id == grantId)?.AgentName;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            Error = ex.MessageIn(Text.IsChinese);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Grants = await grants.OfMerchantAsync(user.RequiredMerchantId);
        Audit = await HostingAudit.OfMerchantAsync(db, user.RequiredMerchantId);
    }
}

public sealed class GrantInput
{
    public string? Agent { get; set; }
    public DateOnly? Until { get; set; }
}
