using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Inventory;

/// <summary>Moves one SKU between two locations; into a defective warehouse it is a move to defective.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
public sealed class TransfersModel(StockLocations locations, InventorySkus skus, StockTransfers transfers, InventoryQueries queries, CurrentUser user, Text text) : ActionPageModel
{
    [BindProperty]
    public TransferForm Input { get; set; } = new();

    public List<LocationView> Locations { get; private set; } = [];
    public List<SkuLabel> Skus { get; private set; } = [];

    /// <summary>The latest transfers, read from the journal (the outgoing side of each).</summary>
    public List<MovementRow> Recent { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        Locations = await locations.OfMerchantAsync(user.RequiredMerchantId);
        Skus = await skus.GoodsAsync(user.RequiredMerchantId);
        Recent = [.. (await queries.MovementsAsync(user.RequiredMerchantId, null, 1)).Items
            .Where(m => m.Kind is nameof(MovementKind.TransferOut) or nameof(MovementKind.DefectiveOut))];
    }

    public Task<IActionResult> OnPostAsync() => ActAsync(async () =>
    {
        var (productId, skuId) = SkuOption.Parse(Input.Sku ?? "");
        var request = new TransferRequest(Input.From, Input.To, Input.Note, [new StockLineRequest(productId, skuId, Input.Quantity ?? 0)]);
        var toDefective = (await locations.RequireAsync(user.RequiredMerchantId, Input.To)).Kind == nameof(WarehouseType.Defective);
        var done = toDefective ? await transfers.MoveToDefectiveAsync(user.RequiredMerchantId, request) : await transfers.TransferAsync(user.RequiredMerchantId, request);
        return text.Format("inventory.transferred", done.Reference);
    });

    public sealed class TransferForm
    {
        public Guid From { get; set; }
        public Guid To { get; set; }
        public string? Sku { get; set; }
        public int? Quantity { get; set; }
        public string? Note { get; set; }
    }
}
