using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Catalog;

/// <summary>The admin's brand list: add and rename (names unique in both languages).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class BrandsAdminModel(BrandAdmin brands, Text text) : ActionPageModel
{
    public List<BrandView> Brands { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostAddAsync(string nameZh, string nameEn) =>
        ActAsync(() => brands.AddAsync(new BrandRequest(nameZh, nameEn)), text["catalog.brands.saved"]);

    public Task<IActionResult> OnPostRenameAsync(Guid id, string nameZh, string nameEn) =>
        ActAsync(() => brands.RenameAsync(id, new BrandRequest(nameZh, nameEn)), text["catalog.brands.saved"]);

    protected override async Task LoadAsync() => Brands = await brands.AllAsync();
}
