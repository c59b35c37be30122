using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.StaffRoles;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>The owner's staff list with each member's role, stores and status, and the form to create a staff account with a role.</summary>
[Authorize(Policy = Policies.MerchantOwner)]
public sealed class StaffModel(StoreManagement stores, StoreAssignments assignments, StaffLifecycle lifecycle, CurrentUser user) : PageModel
{
    [BindProperty]
    public ClerkInput Input { get; set; } = new();

    public List<StaffMember> Staff { get; private set; } = [];

    [TempData]
    public string? Added { get; set; }

    /// <summary>The merchant's stores, for the assignment checkboxes.</summary>
    public List<Store> Stores { get; private set; } = [];

    /// <summary>Each assigned clerk's stores; a clerk missing here works at every store.</summary>
    public Dictionary<Guid, List<Guid>> Assigned { get; private set; } = [];

    [TempData]
    public string? StoresSaved { get; set; }

    /// <summary>Why the last assignment, role change, disabling or enabling was refused.</summary>
    public string? AssignmentError { get; private set; }

    /// <summary>The name of the member whose role or status just changed.</summary>
    [TempData]
    public string? Changed { get; set; }

    public Guid CurrentUserId => user.RequiredId;

    public Task<IActionResult> OnPostRoleAsync(Guid userId, string? role) =>
        MemberActionAsync(userId, () => lifecycle.ChangeRoleAsync(user.RequiredMerchantId, userId, new ChangeRoleRequest(role ?? "")));

    public Task<IActionResult> OnPostDisableAsync(Guid userId) =>
        MemberActionAsync(userId, () => lifecycle.DisableAsync(user.RequiredMerchantId, user.RequiredId, userId));

    public Task<IActionResult> OnPostEnableAsync(Guid userId) =>
        MemberActionAsync(userId, () => lifecycle.EnableAsync(user.RequiredMerchantId, userId));

    private async Task<IActionResult> MemberActionAsync(Guid userId, Func<Task> action)
    {
        try
        {
            await action();
            Changed = (await stores.StaffAsync(user.RequiredMerchantId)).FirstOrDefault(m => m.Id == userId)?.DisplayName;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            AssignmentError = ex.MessageIn(Text.IsChinese);
        }

        await LoadAsync();
        return Page();
    }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Replaces a clerk's stores with the ticked ones (none ticked: every store).</summary>
    public async Task<IActionResult> OnPostStoresAsync(Guid userId, List<Guid>? storeIds)
    {
        try
        {
            var saved = await assignments.AssignAsync(user.RequiredMerchantId, userId, new StoreAssignmentRequest(storeIds ?? []));
            StoresSaved = saved.DisplayName;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            AssignmentError = ex.MessageIn(Text.IsChinese);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        Staff = await stores.StaffAsync(merchantId);
        Stores = await stores.StoresAsync(merchantId);
        Assigned = await assignments.OfMerchantAsync(merchantId);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var merchantId = user.RequiredMerchantId;
        try
        {
            var clerk = await lifecycle.InviteAsync(merchantId, new InviteStaffRequest(Input.Email ?? "", Input.DisplayName ?? "", Input.Password ?? "",
                Input.Role ?? Roles.Clerk, Input.Phone, []));
            Added = clerk.DisplayName;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
        }

        Input.Password = null;
        await LoadAsync();
        return Page();
    }
}

public sealed class ClerkInput
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? Role { get; set; } = Roles.Clerk;
    public string? Phone { get; set; }
}
