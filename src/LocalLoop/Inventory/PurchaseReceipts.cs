using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

public sealed record ReceiptLineRequest(Guid ProductId, Guid SkuId, int Quantity, long UnitCostFen);

public sealed record ReceiptRequest(Guid LocationId, string? Supplier, string? Note, List<ReceiptLineRequest>? Lines);

public sealed record ReturnLineRequest(Guid SkuId, int Quantity);

public sealed record PurchaseReturnRequest(string? Note, List<ReturnLineRequest>? Lines);

/// <summary>Purchase receipts (采购入库): written as a draft, received in one transaction, partly returned to the supplier later.</summary>
public sealed class PurchaseReceipts(AppDbContext db, StockLedger ledger, StockLocations locations, InventorySkus skus, TimeProvider clock)
{
    public const int MaxLines = 100;
    private const long MaxUnitCostFen = 100_000_000_00;

    public async Task<Guid> CreateAsync(Guid merchantId, ReceiptRequest request)
    {
        var lines = request.Lines ?? [];
        var errors = new Validation();
        errors.Required("supplier", request.Supplier, InventoryModel.MaxNameLength, "Supplier", "供应商");
        errors.Check("note", (request.Note ?? "").Length <= InventoryModel.MaxNoteLength, "The note is too long (at most 200 characters).", "备注不能超过 200 个字。");
        errors.Check("lines", lines.Count is > 0 and <= MaxLines, $"Add from 1 to {MaxLines} lines.", $"请添加 1 到 {MaxLines} 行商品。");
        errors.Check("lines", lines.Select(l => l.SkuId).Distinct().Count() == lines.Count, "Each SKU may appear on one line only.", "同一规格只能出现在一行。");
        errors.Check("quantity", lines.All(l => l.Quantity is > 0 and <= StockLimits.MaxQuantity), "Each quantity must be at least 1.", "每行数量须至少为 1。");
        errors.Check("unitCostFen", lines.All(l => l.UnitCostFen is >= 0 and <= MaxUnitCostFen), "The unit cost cannot be negative.", "进价不能为负数。");
        errors.ThrowIfAny();
        await locations.RequireAsync(merchantId, request.LocationId);
        await skus.RequireAsync(merchantId, lines.Select(l => (l.ProductId, l.SkuId)));

        var receipt = new PurchaseReceipt
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, LocationId = request.LocationId, Supplier = request.Supplier!.Trim(),
            Note = request.Note?.Trim() ?? "", Status = ReceiptStatus.Draft, CreatedAt = clock.GetUtcNow(),
            Lines = [.. lines.Select((l, i) => new PurchaseReceiptLine { LineNumber = i + 1, ProductId = l.ProductId, SkuId = l.SkuId, Quantity = l.Quantity, UnitCostFen = l.UnitCostFen })],
        };
        db.PurchaseReceipts.Add(receipt);
        await db.SaveChangesAsync();
        return receipt.Id;
    }

    /// <summary>Puts every line into stock, once: the draft → received flip is the conditional update that admits one caller.</summary>
    public async Task ReceiveAsync(Guid merchantId, Guid receiptId)
    {
        var receipt = await FindAsync(merchantId, receiptId);
        var keys = receipt.Lines.Select(l => new StockKey(merchantId, receipt.LocationId, l.ProductId, l.SkuId)).ToList();
        await ledger.EnsureLevelsAsync(keys);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var won = await db.PurchaseReceipts.Where(r => r.Id == receiptId && r.Status == ReceiptStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ReceiptStatus.Received).SetProperty(r => r.ReceivedAt, clock.GetUtcNow()));
        if (won == 0)
        {
            throw DomainException.Conflict("receipt_received", "This receipt was already received.", "该入库单已入库，不能重复入库。");
        }

        foreach (var (line, key) in receipt.Lines.Zip(keys))
        {
            await ledger.MoveAsync(key, line.Quantity, MovementKind.PurchaseIn, Reference(receiptId), receipt.Supplier);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Returns received goods to the supplier: never more than a line received, never more than is available.</summary>
    public async Task ReturnAsync(Guid merchantId, Guid receiptId, PurchaseReturnRequest request)
    {
        var receipt = await FindAsync(merchantId, receiptId);
        var lines = request.Lines ?? [];
        var errors = new Validation();
        errors.Check("lines", lines.Count > 0 && lines.Select(l => l.SkuId).Distinct().Count() == lines.Count, "Name each SKU to return once.", "请逐行填写要退货的规格，每个规格一行。");
        errors.Check("quantity", lines.All(l => l.Quantity is > 0 and <= StockLimits.MaxQuantity), "Each quantity must be at least 1.", "每行数量须至少为 1。");
        errors.Check("lines", lines.All(l => receipt.Lines.Any(r => r.SkuId == l.SkuId)), "Only SKUs of this receipt can be returned.", "只能退回本入库单中的商品。");
        errors.Check("note", (request.Note ?? "").Length <= InventoryModel.MaxNoteLength, "The note is too long (at most 200 characters).", "备注不能超过 200 个字。");
        errors.ThrowIfAny();
        if (receipt.Status != ReceiptStatus.Received)
        {
            throw DomainException.Conflict("receipt_not_received", "Receive the receipt before returning goods from it.", "入库单尚未入库，不能退货。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var line in lines)
        {
            var counted = await db.Set<PurchaseReceiptLine>().Where(l => l.ReceiptId == receiptId && l.SkuId == line.SkuId && l.ReturnedQuantity + line.Quantity <= l.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ReturnedQuantity, l => l.ReturnedQuantity + line.Quantity));
            if (counted == 0)
            {
                throw DomainException.Conflict("return_exceeds_received", "That is more than this receipt brought in (less what was returned).",
                    "退货数量超过了该入库单的入库数量（已扣除已退数量）。");
            }

            var productId = receipt.Lines.First(r => r.SkuId == line.SkuId).ProductId;
            await ledger.MoveAsync(new StockKey(merchantId, receipt.LocationId, productId, line.SkuId), -line.Quantity, MovementKind.PurchaseReturn,
                Reference(receiptId), request.Note?.Trim() ?? "");
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public static string Reference(Guid receiptId) => $"receipt:{receiptId}";

    private async Task<PurchaseReceipt> FindAsync(Guid merchantId, Guid receiptId) =>
        await db.PurchaseReceipts.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.Id == receiptId && r.MerchantId == merchantId)
        ?? throw DomainException.NotFound("Purchase receipt", "入库单");
}
