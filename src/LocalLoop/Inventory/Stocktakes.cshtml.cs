using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Inventory;

/// <summary>The count sheets, and a new one for a location.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
public sealed class StocktakesModel(StockLocations locations, InventoryQueries queries, Stocktaking stocktaking, CurrentUser user) : ActionPageModel
{
    [BindProperty]
    public Guid LocationId { get; set; }

    public List<LocationView> Locations { get; private set; } = [];
    public List<StocktakeView> Sheets { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        Locations = await locations.OfMerchantAsync(user.RequiredMerchantId);
        Sheets = await queries.StocktakesAsync(user.RequiredMerchantId);
    }

    public Task<IActionResult> OnPostAsync() => ActAsync(async () =>
    {
        var id = await stocktaking.CreateAsync(user.RequiredMerchantId, new StocktakeRequest(LocationId));
        return Redirect($"/merchant/inventory/stocktakes/{id}");
    });
}
