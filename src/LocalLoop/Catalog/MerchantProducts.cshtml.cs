using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Catalog;

/// <summary>The merchant's products with their audit and listing status: submit drafts, list (上架) and delist (下架) live ones.</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class MerchantProductsModel(ProductViews views, ProductEditing editing, ProductListing listing, CurrentUser user, Text text) : PageModel
{
    public List<ProductSummary> Products { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync() => Products = await views.OfMerchantAsync(user.RequiredMerchantId);

    public Task<IActionResult> OnPostSubmitAsync(Guid id) => ActAsync(() => editing.SubmitAsync(user.RequiredMerchantId, id), "catalog.merchant.submittedShort");

    public Task<IActionResult> OnPostListAsync(Guid id) => ActAsync(() => listing.SetListedAsync(user.RequiredMerchantId, id, listed: true), "catalog.merchant.listed");

    public Task<IActionResult> OnPostDelistAsync(Guid id) => ActAsync(() => listing.SetListedAsync(user.RequiredMerchantId, id, listed: false), "catalog.merchant.delisted");

    private async Task<IActionResult> ActAsync(Func<Task> action, string doneKey)
    {
        try
        {
            await action();
            Saved = text[doneKey];
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex);
            Products = await views.OfMerchantAsync(user.RequiredMerchantId);
            return Page();
        }
    }
}
