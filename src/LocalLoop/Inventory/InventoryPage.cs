using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Inventory;

/// <summary>The inventory pages' common part: warehouse staff, managers and owners; an action redirects with its message or shows its refusal.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
public abstract class InventoryPage : PageModel
{
    [TempData]
    public string? Saved { get; set; }

    /// <summary>Loads what the page shows; also called to redraw the page with a refusal.</summary>
    protected abstract Task LoadAsync();

    public Task OnGetAsync() => LoadAsync();

    /// <summary>Runs the action, shows its message after the redirect.</summary>
    protected Task<IActionResult> ActAsync(Func<Task<string>> action, object? routeValues = null) => ActAsync(async () =>
    {
        Saved = await action();
        return RedirectToPage(routeValues);
    });

    /// <summary>Runs the action; a refusal redraws the page with its messages.</summary>
    protected async Task<IActionResult> ActAsync(Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex);
            await LoadAsync();
            return Page();
        }
    }
}
