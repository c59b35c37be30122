using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

public sealed record StockRow(Guid LocationId, string Location, Guid ProductId, Guid SkuId, string Title, string Spec, string ItemNumber,
    int OnHand, int Reserved, int Available, int? LowStockThreshold, bool Low);

public sealed record MovementRow(long Id, DateTimeOffset At, string Location, Guid SkuId, string Title, string Spec, string Kind, int Quantity,
    int OnHandAfter, string Reference, string Note, string Actor);

public sealed record MovementPage(List<MovementRow> Items, int Page, bool HasMore);

public sealed record ReceiptLineView(int LineNumber, Guid ProductId, Guid SkuId, string Title, string Spec, int Quantity, long UnitCostFen, int ReturnedQuantity);

public sealed record ReceiptView(Guid Id, Guid LocationId, string Location, string Supplier, string Note, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? ReceivedAt, long TotalCostFen, List<ReceiptLineView> Lines);

public sealed record StocktakeLineView(Guid ProductId, Guid SkuId, string Title, string Spec, int Expected, int? Counted, int? Variance);

public sealed record StocktakeView(Guid Id, Guid LocationId, string Location, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt,
    string ApprovedBy, List<StocktakeLineView> Lines);

/// <summary>What the merchant's inventory pages and API show: levels, the journal, receipts and stocktakes.</summary>
public sealed class InventoryQueries(AppDbContext db, StockLocations locations, InventorySkus skus)
{
    public const int PageSize = 50;

    public async Task<List<StockRow>> StockAsync(Guid merchantId, Guid? locationId)
    {
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.MerchantId == merchantId && (locationId == null || l.LocationId == locationId)).ToListAsync();
        var names = await LocationNamesAsync(merchantId);
        var labels = await skus.LabelsAsync(merchantId, levels.Select(l => l.SkuId));
        return [.. levels.Select(l =>
            {
                var label = Label(labels, l.SkuId);
                var available = l.OnHand - l.Reserved;
                return new StockRow(l.LocationId, names.GetValueOrDefault(l.LocationId, ""), l.ProductId, l.SkuId, label.Title, label.Spec, label.ItemNumber,
                    l.OnHand, l.Reserved, available, l.LowStockThreshold, available <= l.LowStockThreshold);
            })
            .OrderBy(r => r.Location, StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal).ThenBy(r => r.Spec, StringComparer.Ordinal)];
    }

    public async Task<MovementPage> MovementsAsync(Guid merchantId, Guid? locationId, int page)
    {
        page = Math.Max(page, 1);
        var rows = await db.StockMovements.AsNoTracking().Where(m => m.MerchantId == merchantId && (locationId == null || m.LocationId == locationId))
            .OrderByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        var names = await LocationNamesAsync(merchantId);
        var labels = await skus.LabelsAsync(merchantId, rows.Select(m => m.SkuId));
        var items = rows.Take(PageSize).Select(m =>
        {
            var label = Label(labels, m.SkuId);
            return new MovementRow(m.Id, m.At, names.GetValueOrDefault(m.LocationId, ""), m.SkuId, label.Title, label.Spec, m.Kind.ToString(), m.Quantity,
                m.OnHandAfter, m.Reference, m.Note, m.ActorName);
        }).ToList();
        return new MovementPage(items, page, rows.Count > PageSize);
    }

    public async Task<List<ReceiptView>> ReceiptsAsync(Guid merchantId) =>
        await ReceiptViewsAsync(merchantId, await db.PurchaseReceipts.AsNoTracking().Include(r => r.Lines).Where(r => r.MerchantId == merchantId)
            .OrderByDescending(r => r.CreatedAt).Take(100).ToListAsync());

    public async Task<ReceiptView> ReceiptAsync(Guid merchantId, Guid receiptId) =>
        (await ReceiptViewsAsync(merchantId, await db.PurchaseReceipts.AsNoTracking().Include(r => r.Lines).Where(r => r.MerchantId == merchantId && r.Id == receiptId).ToListAsync()))
        .SingleOrDefault() ?? throw DomainException.NotFound("Purchase receipt", "入库单");

    public async Task<List<StocktakeView>> StocktakesAsync(Guid merchantId) =>
        await StocktakeViewsAsync(merchantId, await db.Stocktakes.AsNoTracking().Include(s => s.Lines).Where(s => s.MerchantId == merchantId)
            .OrderByDescending(s => s.CreatedAt).Take(100).ToListAsync());

    public async Task<StocktakeView> StocktakeAsync(Guid merchantId, Guid stocktakeId) =>
        (await StocktakeViewsAsync(merchantId, await db.Stocktakes.AsNoTracking().Include(s => s.Lines).Where(s => s.MerchantId == merchantId && s.Id == stocktakeId).ToListAsync()))
        .SingleOrDefault() ?? throw DomainException.NotFound("Stocktake", "盘点单");

    private async Task<List<ReceiptView>> ReceiptViewsAsync(Guid merchantId, List<PurchaseReceipt> receipts)
    {
        var names = await LocationNamesAsync(merchantId);
        var labels = await skus.LabelsAsync(merchantId, receipts.SelectMany(r => r.Lines).Select(l => l.SkuId));
        return [.. receipts.Select(r => new ReceiptView(r.Id, r.LocationId, names.GetValueOrDefault(r.LocationId, ""), r.Supplier, r.Note, r.Status.ToString(),
            r.CreatedAt, r.ReceivedAt, r.Lines.Sum(l => l.Quantity * l.UnitCostFen),
            [.. r.Lines.OrderBy(l => l.LineNumber).Select(l => new ReceiptLineView(l.LineNumber, l.ProductId, l.SkuId, Label(labels, l.SkuId).Title, Label(labels, l.SkuId).Spec,
                l.Quantity, l.UnitCostFen, l.ReturnedQuantity))]))];
    }

    private async Task<List<StocktakeView>> StocktakeViewsAsync(Guid merchantId, List<Stocktake> sheets)
    {
        var names = await LocationNamesAsync(merchantId);
        var labels = await skus.LabelsAsync(merchantId, sheets.SelectMany(s => s.Lines).Select(l => l.SkuId));
        return [.. sheets.Select(s => new StocktakeView(s.Id, s.LocationId, names.GetValueOrDefault(s.LocationId, ""), s.Status.ToString(), s.CreatedAt, s.ApprovedAt, s.ApprovedBy,
            [.. s.Lines.Select(l => new StocktakeLineView(l.ProductId, l.SkuId, Label(labels, l.SkuId).Title, Label(labels, l.SkuId).Spec, l.Expected, l.Counted, l.Counted - l.Expected))
                .OrderBy(l => l.Title, StringComparer.Ordinal).ThenBy(l => l.Spec, StringComparer.Ordinal)]))];
    }

    private async Task<Dictionary<Guid, string>> LocationNamesAsync(Guid merchantId) =>
        (await locations.OfMerchantAsync(merchantId)).ToDictionary(l => l.Id, l => l.Name);

    private static SkuLabel Label(Dictionary<Guid, SkuLabel> labels, Guid skuId) =>
        labels.GetValueOrDefault(skuId) ?? new SkuLabel(Guid.Empty, skuId, skuId.ToString(), "", "");
}
