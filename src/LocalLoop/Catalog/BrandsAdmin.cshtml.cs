using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Catalog;

/// <summary>The admin's brand list: add and rename (names unique in both languages).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class BrandsAdminModel(BrandAdmin brands, Text text) : PageModel
{
    public List<BrandView> Brands { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => Brands = await brands.AllAsync();

    public Task<IActionResult> OnPostAddAsync(string nameZh, string nameEn) => ActAsync(() => brands.AddAsync(new BrandRequest(nameZh, nameEn)));

    public Task<IActionResult> OnPostRenameAsync(Guid id, string nameZh, string nameEn) => ActAsync(() => brands.RenameAsync(id, new BrandRequest(nameZh, nameEn)));

    private async Task<IActionResult> ActAsync(Func<Task> action)
    {
        try
        {
            await action();
            Done = text["catalog.brands.saved"];
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "");
            Brands = await brands.AllAsync();
            return Page();
        }
    }
}
