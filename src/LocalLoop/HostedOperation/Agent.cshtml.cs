using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.HostedOperation;

/// <summary>The agent's grants; "act for this merchant" re-issues the sign-in with the merchant and grant, "stop" drops them.</summary>
[Authorize(Roles = Roles.Agent)]
public sealed class AgentModel(HostingGrants grants, AgentSignIn signIn, CurrentUser user) : PageModel
{
    public List<GrantView> Grants { get; private set; } = [];

    /// <summary>The grant the agent is acting under now, if any.</summary>
    public Guid? ActingGrantId => Guid.TryParse(User.FindFirst(HostingClaims.GrantId)?.Value, out var id) ? id : null;

    public string? Error { get; private set; }

    public async Task OnGetAsync() => Grants = await grants.OfAgentAsync(user.RequiredId);

    public async Task<IActionResult> OnPostActAsync(Guid grantId)
    {
        try
        {
            var grant = await grants.ActiveGrantOfAgentAsync(user.RequiredId, grantId);
            await signIn.SignInAsync(user.RequiredId, cookie: true, HostingClaims.For(grant));
            return Redirect("/merchant/deals");
        }
        catch (DomainException ex)
        {
            Error = ex.MessageIn(Text.IsChinese);
        }

        Grants = await grants.OfAgentAsync(user.RequiredId);
        return Page();
    }

    public async Task<IActionResult> OnPostStopAsync()
    {
        await signIn.SignInAsync(user.RequiredId, cookie: true, []);
        return RedirectToPage();
    }
}
