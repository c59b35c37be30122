using LocalLoop.Platform;
using LocalLoop.Platform.Data;

namespace LocalLoop.Inventory;

public sealed record StockLineRequest(Guid ProductId, Guid SkuId, int Quantity);

public sealed record TransferRequest(Guid FromLocationId, Guid ToLocationId, string? Note, List<StockLineRequest>? Lines);

public sealed record TransferResult(string Reference);

/// <summary>Moves stock between two of the merchant's locations — out and in in one transaction — including into the defective warehouse.</summary>
public sealed class StockTransfers(AppDbContext db, StockLedger ledger, StockLocations locations, InventorySkus skus)
{
    public Task<TransferResult> TransferAsync(Guid merchantId, TransferRequest request) =>
        MoveAsync(merchantId, request, toDefective: false);

    /// <summary>Moves damaged goods to a defective warehouse (次品仓): they leave the sellable stock.</summary>
    public Task<TransferResult> MoveToDefectiveAsync(Guid merchantId, TransferRequest request) =>
        MoveAsync(merchantId, request, toDefective: true);

    private async Task<TransferResult> MoveAsync(Guid merchantId, TransferRequest request, bool toDefective)
    {
        var lines = request.Lines ?? [];
        var errors = new Validation();
        errors.Check("toLocationId", request.FromLocationId != request.ToLocationId, "Choose two different locations.", "调出和调入不能是同一个地点。");
        errors.Check("lines", lines.Count is > 0 and <= PurchaseReceipts.MaxLines && lines.Select(l => l.SkuId).Distinct().Count() == lines.Count,
            "Add each SKU to move once.", "请添加要调拨的商品，每个规格一行。");
        errors.Check("quantity", lines.All(l => l.Quantity is > 0 and <= StockLimits.MaxQuantity), "Each quantity must be at least 1.", "每行数量须至少为 1。");
        errors.Check("note", (request.Note ?? "").Length <= InventoryModel.MaxNoteLength, "The note is too long (at most 200 characters).", "备注不能超过 200 个字。");
        errors.ThrowIfAny();
        await locations.RequireAsync(merchantId, request.FromLocationId);
        var to = await locations.RequireAsync(merchantId, request.ToLocationId);
        if (toDefective && to.Kind != nameof(WarehouseType.Defective))
        {
            throw Validation.Single("toLocationId", "Move damaged goods into a defective warehouse.", "次品只能移入次品仓。");
        }

        await skus.RequireAsync(merchantId, lines.Select(l => (l.ProductId, l.SkuId)));
        await ledger.EnsureLevelsAsync(lines.Select(l => new StockKey(merchantId, request.ToLocationId, l.ProductId, l.SkuId)));
        var reference = $"{(toDefective ? "defective" : "transfer")}:{Guid.CreateVersion7()}";
        var note = request.Note?.Trim() ?? "";
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var line in lines)
        {
            await ledger.MoveAsync(new StockKey(merchantId, request.FromLocationId, line.ProductId, line.SkuId), -line.Quantity,
                toDefective ? MovementKind.DefectiveOut : MovementKind.TransferOut, reference, note);
            await ledger.MoveAsync(new StockKey(merchantId, request.ToLocationId, line.ProductId, line.SkuId), line.Quantity,
                toDefective ? MovementKind.DefectiveIn : MovementKind.TransferIn, reference, note);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new TransferResult(reference);
    }
}
