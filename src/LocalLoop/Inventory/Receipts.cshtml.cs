using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Inventory;

/// <summary>Purchase receipts: write one with its lines, receive it into stock, return part of it to the supplier.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
public sealed class ReceiptsModel(InventoryQueries queries, StockLocations locations, InventorySkus skus, PurchaseReceipts receipts, CurrentUser user, Text text) : ActionPageModel
{
    public const int FormLines = 5;

    [BindProperty]
    public ReceiptForm Input { get; set; } = new();

    public List<LocationView> Locations { get; private set; } = [];
    public List<SkuLabel> Skus { get; private set; } = [];
    public List<ReceiptView> Receipts { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        Locations = await locations.OfMerchantAsync(user.RequiredMerchantId);
        Skus = await skus.GoodsAsync(user.RequiredMerchantId);
        Receipts = await queries.ReceiptsAsync(user.RequiredMerchantId);
        while (Input.Lines.Count < FormLines)
        {
            Input.Lines.Add(new LineForm());
        }
    }

    public Task<IActionResult> OnPostCreateAsync() => ActAsync(async () =>
    {
        await receipts.CreateAsync(user.RequiredMerchantId, Input.ToRequest());
        return text["inventory.created"];
    });

    public Task<IActionResult> OnPostReceiveAsync(Guid id) => ActAsync(async () =>
    {
        await receipts.ReceiveAsync(user.RequiredMerchantId, id);
        return text["inventory.received"];
    });

    /// <summary>One line of a received receipt goes (partly) back to the supplier, through the same use case as the API.</summary>
    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid skuId, int? quantity, string? note) => ActAsync(async () =>
    {
        await receipts.ReturnAsync(user.RequiredMerchantId, id, new PurchaseReturnRequest(note, [new ReturnLineRequest(skuId, quantity ?? 0)]));
        return text["invpages.returnedDone"];
    });

    public sealed class ReceiptForm
    {
        public Guid LocationId { get; set; }
        public string? Supplier { get; set; }
        public string? Note { get; set; }
        public List<LineForm> Lines { get; set; } = [];

        /// <summary>The filled-in rows as the API's request; a cost that is not an amount in yuan is refused here.</summary>
        public ReceiptRequest ToRequest()
        {
            var lines = new List<ReceiptLineRequest>();
            foreach (var line in Lines.Where(l => !string.IsNullOrEmpty(l.Sku)))
            {
                if (!ConsoleFormat.TryParseYuan(line.UnitCost, out var costFen))
                {
                    throw Validation.Single("unitCostFen", "Enter the unit cost in yuan (at most two decimals).", "请填写正确的进价（元，最多两位小数）。");
                }

                var (productId, skuId) = SkuOption.Parse(line.Sku!);
                lines.Add(new ReceiptLineRequest(productId, skuId, line.Quantity ?? 0, costFen));
            }

            return new ReceiptRequest(LocationId, Supplier, Note, lines);
        }
    }

    public sealed class LineForm
    {
        public string? Sku { get; set; }
        public int? Quantity { get; set; }
        public string? UnitCost { get; set; }
    }
}

/// <summary>A SKU in a page's select: "productId:skuId".</summary>
public static class SkuOption
{
    public static string Value(SkuLabel sku) => $"{sku.ProductId}:{sku.SkuId}";

    public static (Guid ProductId, Guid SkuId) Parse(string value) =>
        value.Split(':') is [var product, var sku] && Guid.TryParse(product, out var productId) && Guid.TryParse(sku, out var skuId)
            ? (productId, skuId)
            : throw DomainException.NotFound("SKU", "商品规格");
}
