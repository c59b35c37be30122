using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Inventory;

/// <summary>The stock journal, newest first, a page at a time, optionally for one location.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
public sealed class MovementsModel(InventoryQueries queries, StockLocations locations, CurrentUser user) : ActionPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? LocationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public List<LocationView> Locations { get; private set; } = [];
    public MovementPage Movements { get; private set; } = new([], 1, false);

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        Locations = await locations.OfMerchantAsync(user.RequiredMerchantId);
        Movements = await queries.MovementsAsync(user.RequiredMerchantId, LocationId, PageNumber);
    }
}
