using LocalLoop.Inventory;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>
/// The counter's POS: pick the store, ring up goods by item number (货号) or from the list, record the sale
/// (<see cref="PosSales"/>): the store's stock goes down at once and the sale shows as a completed POS order.
/// </summary>
/// <remarks>The form carries an idempotency key made when it is rendered: sent twice, it records one sale.</remarks>
[Authorize(Policy = Policies.MerchantStaff)]
[LocalLoop.Platform.Idempotency.IdempotentForm]
public sealed class PosPageModel(PosSales sales, InventorySkus skus, AppDbContext db, CurrentUser user, Text text) : PageModel
{
    public const int FormLines = 5;

    public List<(Guid Id, string Name)> Stores { get; private set; } = [];

    public List<SkuLabel> Skus { get; private set; } = [];

    [BindProperty]
    public SaleForm Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        try
        {
            var order = await sales.RecordAsync(user.RequiredMerchantId, new PosSaleRequest(Input.StoreId, Lines()));
            TempData[nameof(MerchantOrderModel.Done)] = text.Format("orderpages.pos.recorded", new Money(order.TotalFen));
            return LocalRedirect($"/merchant/orders/{order.Id}");
        }
        catch (DomainException ex)
        {
            OrderPageErrors.AddAtTop(ModelState, ex);
            return Page();
        }
    }

    /// <summary>The filled-in rows: an item number wins over the list's choice; an unknown item number is refused by name.</summary>
    private List<CartItemRequest> Lines()
    {
        var lines = new List<CartItemRequest>();
        foreach (var row in Input.Lines.Where(l => !string.IsNullOrWhiteSpace(l.ItemNumber) || !string.IsNullOrEmpty(l.Sku)))
        {
            var itemNumber = row.ItemNumber?.Trim();
            var sku = string.IsNullOrEmpty(itemNumber) ? Skus.FirstOrDefault(s => SkuOption.Value(s) == row.Sku)
                : Skus.FirstOrDefault(s => string.Equals(s.ItemNumber, itemNumber, StringComparison.OrdinalIgnoreCase))
                  ?? throw Validation.Single("itemNumber", $"No goods have the item number {itemNumber}.", $"没有货号为 {itemNumber} 的商品。");
            if (sku is not null)
            {
                lines.Add(new CartItemRequest(sku.ProductId, sku.SkuId, row.Quantity ?? 0));
            }
        }

        return lines;
    }

    private async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        Stores = [.. (await db.Stores.AsNoTracking().Where(s => s.MerchantId == merchantId).OrderBy(s => s.CreatedAt).Select(s => new { s.Id, s.Name }).ToListAsync())
            .Select(s => (s.Id, s.Name))];
        Skus = await skus.GoodsAsync(merchantId);
        while (Input.Lines.Count < FormLines)
        {
            Input.Lines.Add(new LineForm());
        }
    }

    public sealed class SaleForm
    {
        public Guid StoreId { get; set; }
        public List<LineForm> Lines { get; set; } = [];
    }

    public sealed class LineForm
    {
        public string? ItemNumber { get; set; }

        /// <summary>"productId:skuId" from the list (<see cref="SkuOption"/>).</summary>
        public string? Sku { get; set; }

        public int? Quantity { get; set; } = 1;
    }
}
