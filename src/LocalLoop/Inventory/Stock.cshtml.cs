using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Inventory;

/// <summary>Stock levels per location, low stock highlighted, alert thresholds, and the merchant's warehouses.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
public sealed class StockModel(InventoryQueries queries, StockLocations locations, LowStockThresholds thresholds, CurrentUser user, Text text) : ActionPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? LocationId { get; set; }

    [BindProperty]
    public WarehouseRequest Input { get; set; } = new(null, nameof(WarehouseType.Standby));

    public List<LocationView> Locations { get; private set; } = [];
    public List<StockRow> Rows { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        Locations = await locations.OfMerchantAsync(user.RequiredMerchantId);
        Rows = await queries.StockAsync(user.RequiredMerchantId, LocationId);
    }

    public Task<IActionResult> OnPostThresholdAsync(Guid location, Guid productId, Guid skuId, int? threshold) => ActAsync(async () =>
    {
        await thresholds.SetAsync(user.RequiredMerchantId, location, skuId, new ThresholdRequest(productId, threshold));
        return text["inventory.thresholdSaved"];
    }, routeValues: new { LocationId });

    public Task<IActionResult> OnPostWarehouseAsync() => ActAsync(async () =>
    {
        var added = await locations.AddWarehouseAsync(user.RequiredMerchantId, Input);
        return text.Format("inventory.warehouseAdded", added.Name);
    });
}
