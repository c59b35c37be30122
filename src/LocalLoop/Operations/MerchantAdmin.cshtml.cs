using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Operations;

/// <summary>The admin's list of merchants: search by name, freeze one with a reason, unfreeze it.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class MerchantAdminModel(MerchantFreezing freezing, AppDbContext db, Text text) : ActionPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public List<Merchant> Merchants { get; private set; } = [];

    public Guid? ErrorRow { get; private set; }

    public string? RowError { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostFreezeAsync(Guid id, string? reason, string? name) =>
        ActAsync(id, () => freezing.FreezeAsync(id, reason), text.Format("onboard.frozenDone", name ?? ""));

    public Task<IActionResult> OnPostUnfreezeAsync(Guid id, string? name) =>
        ActAsync(id, () => freezing.UnfreezeAsync(id), text.Format("onboard.unfrozenDone", name ?? ""));

    private Task<IActionResult> ActAsync(Guid id, Func<Task> action, string done) => ActAsync(action, done, ex =>
    {
        ErrorRow = id;
        RowError = ex is ValidationException v ? string.Join(" ", v.ErrorsIn(Text.IsChinese).Values) : ex.MessageIn(Text.IsChinese);
        return LoadAsync();
    }, new { Q, Status });

    protected override async Task LoadAsync() => Merchants = await MerchantDirectory.SearchAsync(db, Q, Status);
}
