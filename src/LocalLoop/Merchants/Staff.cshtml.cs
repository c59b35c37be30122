using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>The owner's staff list and the form to create a clerk account.</summary>
[Authorize(Policy = Policies.MerchantOwner)]
public sealed class StaffModel(StoreManagement stores, CurrentUser user) : PageModel
{
    [BindProperty]
    public ClerkInput Input { get; set; } = new();

    public List<StaffMember> Staff { get; private set; } = [];

    [TempData]
    public string? Added { get; set; }

    public async Task OnGetAsync() => Staff = await stores.StaffAsync(user.RequiredMerchantId);

    public async Task<IActionResult> OnPostAsync()
    {
        var merchantId = user.RequiredMerchantId;
        try
        {
            var clerk = await stores.AddClerkAsync(merchantId, new ClerkRequest(Input.Email ?? "", Input.DisplayName ?? "", Input.Password ?? ""));
            Added = clerk.DisplayName;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
        }

        Input.Password = null;
        Staff = await stores.StaffAsync(merchantId);
        return Page();
    }
}

public sealed class ClerkInput
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
}
