using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Catalog;

/// <summary>
/// The product form shared by the create and edit pages: kind fields, the spec-matrix editor ("generate" rebuilds the
/// SKU rows from the dimensions, keeping what was typed) and save as draft or save and submit for review.
/// </summary>
[Authorize(Policy = Policies.MerchantManage)]
public abstract class ProductFormModel(ProductEditing editing, CategoryAdmin categories, BrandAdmin brands, CurrentUser user, Text text) : PageModel
{
    [BindProperty]
    public ProductInput Input { get; set; } = new();

    public List<CategoryView> Categories { get; private set; } = [];

    public List<BrandView> Brands { get; private set; } = [];

    /// <summary>Set on the edit page: the kind is then fixed.</summary>
    public Guid? ProductId { get; protected set; }

    [TempData]
    public string? Saved { get; set; }

    protected CurrentUser Caller => user;

    public async Task<IActionResult> OnPostGenerateAsync(Guid? id)
    {
        ModelState.Clear();
        Input.GenerateSkus();
        return await ShowAsync(id);
    }

    public Task<IActionResult> OnPostSaveAsync(Guid? id) => SaveAsync(id, submit: false);

    public Task<IActionResult> OnPostSubmitAsync(Guid? id) => SaveAsync(id, submit: true);

    protected async Task<IActionResult> ShowAsync(Guid? id)
    {
        ProductId = id;
        Categories = await categories.TreeAsync(activeOnly: true);
        Brands = await brands.AllAsync();
        while (Input.Dimensions.Count < SpecMatrix.MaxDimensions)
        {
            Input.Dimensions.Add(new DimensionInput());
        }

        return Page();
    }

    private async Task<IActionResult> SaveAsync(Guid? id, bool submit)
    {
        if (Input.ToRequest(ModelState, text) is { } request)
        {
            try
            {
                var merchantId = user.RequiredMerchantId;
                var productId = id ?? (await editing.CreateAsync(merchantId, request)).Id;
                if (id is not null)
                {
                    await editing.UpdateAsync(merchantId, productId, request);
                }

                if (submit)
                {
                    await editing.SubmitAsync(merchantId, productId);
                }

                Saved = text.Format(submit ? "catalog.merchant.submitted" : "catalog.merchant.saved", request.Title.Trim());
                return Redirect("/merchant/products");
            }
            catch (ValidationException ex)
            {
                foreach (var (field, message) in ex.ErrorsIn(Text.IsChinese))
                {
                    ModelState.AddModelError(ProductInput.FormField(field), message);
                }
            }
            catch (DomainException ex)
            {
                PageErrors.AddTo(ModelState, ex);
            }
        }

        return await ShowAsync(id);
    }
}

public sealed class NewProductModel(ProductEditing editing, CategoryAdmin categories, BrandAdmin brands, CurrentUser user, Text text)
    : ProductFormModel(editing, categories, brands, user, text)
{
    public async Task<IActionResult> OnGetAsync()
    {
        Input.Dimensions = [new DimensionInput { Name = Text.IsChinese ? "规格" : "Spec" }];
        Input.GenerateSkus();
        return await ShowAsync(null);
    }
}

public sealed class EditProductModel(ProductEditing editing, ProductViews views, CategoryAdmin categories, BrandAdmin brands, CurrentUser user, Text text)
    : ProductFormModel(editing, categories, brands, user, text)
{
    public ProductDetail? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Detail = await views.OfMerchantAsync(Caller.RequiredMerchantId, id);
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        Input = ProductInput.From(Detail.Kind, (Detail.Working ?? Detail.Live)!);
        return await ShowAsync(id);
    }
}
