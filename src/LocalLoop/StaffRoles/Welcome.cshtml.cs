using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.StaffRoles;

/// <summary>The console landing of a member whose role has no page yet (warehouse, customer service): what their role is for.</summary>
[Authorize]
public sealed class WelcomeModel(CurrentUser user) : PageModel
{
    public string Role { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (user.MerchantId is null)
        {
            return Forbid();
        }

        Role = StaffRoleNames.All.FirstOrDefault(user.IsInRole) ?? Roles.Agent;
        return Page();
    }
}
