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
public sealed class MerchantProductsModel(ProductViews views, ProductEditing editing, ProductListing listing, CurrentUser user, Text text) : ActionPageModel
{
    public List<ProductSummary> Products { get; private set; } = [];

    /// <summary>Set by the product form before it redirects here.</summary>
    [TempData]
    public string? Saved { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostSubmitAsync(Guid id) => ActAsync(() => editing.SubmitAsync(user.RequiredMerchantId, id), "catalog.merchant.submittedShort");

    public Task<IActionResult> OnPostListAsync(Guid id) => ActAsync(() => listing.SetListedAsync(user.RequiredMerchantId, id, listed: true), "catalog.merchant.listed");

    public Task<IActionResult> OnPostDelistAsync(Guid id) => ActAsync(() => listing.SetListedAsync(user.RequiredMerchantId, id, listed: false), "catalog.merchant.delisted");

    private Task<IActionResult> ActAsync(Func<Task> action, string doneKey) => base.ActAsync(action, text[doneKey]);

    protected override async Task LoadAsync() => Products = await views.OfMerchantAsync(user.RequiredMerchantId);
}
