using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Catalog;

/// <summary>The admin's category tree: add, rename, reorder, deactivate or delete (if unused) second-level categories.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class CategoriesAdminModel(CategoryAdmin categories, Text text) : ActionPageModel
{
    public List<CategoryView> Tree { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostAddAsync(string parentCode, string code, string nameZh, string nameEn) =>
        ActAsync(() => categories.AddAsync(new CategoryRequest(parentCode, code, nameZh, nameEn)));

    public Task<IActionResult> OnPostRenameAsync(string code, string nameZh, string nameEn) =>
        ActAsync(() => categories.RenameAsync(code, new CategoryRenameRequest(nameZh, nameEn)));

    public Task<IActionResult> OnPostMoveAsync(string code, string direction) => ActAsync(() => categories.MoveAsync(code, direction));

    public Task<IActionResult> OnPostActiveAsync(string code, bool active) => ActAsync(() => categories.SetActiveAsync(code, active));

    public Task<IActionResult> OnPostDeleteAsync(string code) => ActAsync(() => categories.DeleteAsync(code));

    private Task<IActionResult> ActAsync(Func<Task> action) => ActAsync(action, text["catalog.categories.saved"]);

    protected override async Task LoadAsync() => Tree = await categories.TreeAsync(activeOnly: false);
}
