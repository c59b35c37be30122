using LocalLoop.Discovery;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

/// <summary>
/// A live, listed product as a consumer sees it on a phone: kind fields, options and the SKU picker with prices — the
/// store's own where it sets one, for the store chosen (<c>?store=</c>) or else the nearest serving one (<c>?lat=&amp;lng=</c>).
/// </summary>
public sealed class ProductPageModel(ProductViews views, RecentViews recent, NearestServingStore nearest, AppDbContext db) : PageModel
{
    public PublicProduct Product { get; private set; } = null!;

    public Guid? ChosenSkuId { get; private set; }

    /// <summary>The merchant's stores, to choose whose prices to see.</summary>
    public List<StoreOption> Stores { get; private set; } = [];

    /// <summary>True when the store was picked as the nearest one serving the consumer's position.</summary>
    public bool NearestChosen { get; private set; }

    /// <summary>Why no store serves the given position (catalog prices are shown then).</summary>
    public string? NearestRefusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? store, Guid? sku, double? lat, double? lng)
    {
        if (store is null && lat is not null && lng is not null && GeoPoint.IsValid(lat.Value, lng.Value))
        {
            try
            {
                store = (await nearest.ForProductAsync(id, new GeoPoint(lat.Value, lng.Value))).StoreId;
                NearestChosen = true;
            }
            catch (DomainException refusal)
            {
                NearestRefusal = refusal.MessageIn(Text.IsChinese);
            }
        }

        if (await views.PublicAsync(id, store) is not { } product)
        {
            return NotFound();
        }

        Product = product;
        ChosenSkuId = product.Skus.Any(s => s.Id == sku) ? sku : product.Skus.MinBy(s => s.PriceFen)?.Id;
        Stores = await db.Stores.AsNoTracking().Where(s => s.MerchantId == product.MerchantId).OrderBy(s => s.Name)
            .Select(s => new StoreOption(s.Id, s.Name)).ToListAsync();
        await recent.RecordAsync(RecentViewKind.Product, id);
        return Page();
    }
}
