using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Inventory;

/// <summary>One count sheet: enter counted quantities, add SKUs found off the sheet, see the variances; a manager or the owner approves.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
public sealed class StocktakeSheetModel(InventoryQueries queries, Stocktaking stocktaking, InventorySkus skus, IAuthorizationService authorization, CurrentUser user, Text text) : ActionPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public List<CountForm> Counts { get; set; } = [];

    public StocktakeView Sheet { get; private set; } = null!;

    /// <summary>Approval writes adjustments: owners and managers only (decision 0020).</summary>
    public bool CanApprove { get; private set; }

    /// <summary>The shop's goods not on the sheet yet, for the "add a SKU" picker.</summary>
    public List<SkuLabel> SkusToAdd { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        Sheet = await queries.StocktakeAsync(user.RequiredMerchantId, Id);
        CanApprove = (await authorization.AuthorizeAsync(User, Policies.MerchantFinance)).Succeeded;
        var onSheet = Sheet.Lines.Select(l => l.SkuId).ToHashSet();
        SkusToAdd = [.. (await skus.GoodsAsync(user.RequiredMerchantId)).Where(s => !onSheet.Contains(s.SkuId))];
    }

    public Task<IActionResult> OnPostCountAsync() => ActAsync(async () =>
    {
        await stocktaking.CountAsync(user.RequiredMerchantId, Id, new CountRequest([.. Counts.Where(c => c.Counted is not null).Select(c => new CountLine(c.SkuId, c.Counted!.Value))]));
        return text["inventory.countsSaved"];
    }, routeValues: new { Id });

    public Task<IActionResult> OnPostAddLineAsync(string? sku, int? counted) => ActAsync(async () =>
    {
        var (productId, skuId) = SkuOption.Parse(sku ?? "");
        await stocktaking.AddLineAsync(user.RequiredMerchantId, Id, new StocktakeLineRequest(productId, skuId, counted));
        return text["invpages.skuAdded"];
    }, routeValues: new { Id });

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.MerchantFinance)).Succeeded)
        {
            return Forbid();
        }

        return await ActAsync(async () =>
        {
            await stocktaking.ApproveAsync(user.RequiredMerchantId, Id);
            return text["inventory.approved"];
        }, routeValues: new { Id });
    }

    /// <summary>A row of the sheet's form: left empty, the SKU stays uncounted.</summary>
    public sealed class CountForm
    {
        public Guid SkuId { get; set; }
        public int? Counted { get; set; }
    }
}
