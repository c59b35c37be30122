using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Operations;

/// <summary>The admin's list of merchants: search by name, freeze one with a reason, unfreeze it.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class MerchantAdminModel(MerchantFreezing freezing, AppDbContext db, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public List<Merchant> Merchants { get; private set; } = [];

    public Guid? ErrorRow { get; private set; }

    public string? RowError { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => Merchants = await MerchantDirectory.SearchAsync(db, Q, Status);

    public Task<IActionResult> OnPostFreezeAsync(Guid id, string? reason, string? name) =>
        ActAsync(id, () => freezing.FreezeAsync(id, reason), text.Format("onboard.frozenDone", name ?? ""));

    public Task<IActionResult> OnPostUnfreezeAsync(Guid id, string? name) =>
        ActAsync(id, () => freezing.UnfreezeAsync(id), text.Format("onboard.unfrozenDone", name ?? ""));

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string done)
    {
        try
        {
            await action();
            Done = done;
            return RedirectToPage(new { Q, Status });
        }
        catch (DomainException ex)
        {
            ErrorRow = id;
            RowError = ex is ValidationException v ? string.Join(" ", v.ErrorsIn(Text.IsChinese).Values) : ex.MessageIn(Text.IsChinese);
            await OnGetAsync();
            return Page();
        }
    }
}
