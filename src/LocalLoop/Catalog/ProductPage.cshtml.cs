using LocalLoop.Discovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Catalog;

/// <summary>A live, listed product as a consumer sees it on a phone: kind fields, options and the SKU picker with prices (the store's when <c>?store=</c> is given).</summary>
public sealed class ProductPageModel(ProductViews views, RecentViews recent) : PageModel
{
    public PublicProduct Product { get; private set; } = null!;

    public Guid? ChosenSkuId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? store, Guid? sku)
    {
        if (await views.PublicAsync(id, store) is not { } product)
        {
            return NotFound();
        }

        Product = product;
        ChosenSkuId = product.Skus.Any(s => s.Id == sku) ? sku : product.Skus.MinBy(s => s.PriceFen)?.Id;
        await recent.RecordAsync(RecentViewKind.Product, id);
        return Page();
    }
}
