using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

public sealed record StoreOption(Guid Id, string Name);

/// <summary>A product's store prices (门店价): for each store and SKU, the catalog price and the store's own price if set.</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class StorePricesModel(ProductViews views, ProductListing listing, AppDbContext db, CurrentUser user, Text text) : ActionPageModel
{
    /// <summary>The product, from the route.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ProductDetail Detail { get; private set; } = null!;

    /// <summary>The version consumers see (or the draft, before approval): store prices follow SKUs across versions.</summary>
    public RevisionView Revision => Detail.Live ?? Detail.Working!;

    public List<StoreOption> Stores { get; private set; } = [];

    /// <summary>The row whose save failed, with the price as typed.</summary>
    public (Guid StoreId, Guid SkuId)? ErrorRow { get; private set; }

    public string? TypedPrice { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostSetAsync(Guid storeId, Guid skuId, string? price) => ActAsync(async () =>
    {
        if (!ConsoleFormat.TryParseYuan(price, out var fen))
        {
            throw Validation.Single("priceFen", "Enter the store's price in yuan, e.g. 88 or 88.50.", "请输入门店价格（元），如 88 或 88.50。");
        }

        await listing.SetStorePriceAsync(user.RequiredMerchantId, Id, skuId, storeId, fen);
        return text["gaps4.storePrices.saved"];
    }, ex =>
    {
        // Field errors are keyed by the row, so the page shows them next to the price typed.
        PageErrors.AddTo(ModelState, ex, $"{storeId}:{skuId}");
        ErrorRow = (storeId, skuId);
        TypedPrice = price;
        return LoadAsync();
    }, new { id = Id });

    public Task<IActionResult> OnPostRemoveAsync(Guid storeId, Guid skuId) =>
        ActAsync(() => listing.RemoveStorePriceAsync(user.RequiredMerchantId, Id, skuId, storeId), text["gaps4.storePrices.removed"], routeValues: new { id = Id });

    public long? StorePriceFen(SkuView sku, Guid storeId) => sku.StorePrices.FirstOrDefault(p => p.StoreId == storeId)?.PriceFen;

    protected override async Task LoadAsync()
    {
        Detail = await views.OfMerchantAsync(user.RequiredMerchantId, Id);
        Stores = await db.Stores.AsNoTracking().Where(s => s.MerchantId == user.RequiredMerchantId).OrderBy(s => s.Name)
            .Select(s => new StoreOption(s.Id, s.Name)).ToListAsync();
    }
}
