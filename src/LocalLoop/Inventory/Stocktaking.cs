using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

public sealed record StocktakeRequest(Guid LocationId);

public sealed record CountLine(Guid SkuId, int Counted);

public sealed record CountRequest(List<CountLine>? Counts);

/// <param name="Counted">What was found, if already counted; empty leaves the new line uncounted.</param>
public sealed record StocktakeLineRequest(Guid ProductId, Guid SkuId, int? Counted);

/// <summary>
/// Stocktaking (盘点): a sheet snapshots the location's on-hand, staff enter what they counted, a manager approves.
/// Approval adjusts each SKU by counted − expected-at-snapshot, so goods that moved while counting stay accounted
/// for (decision 0020); an adjustment that would take stock below what is reserved refuses the whole approval.
/// </summary>
public sealed class Stocktaking(AppDbContext db, StockLedger ledger, StockLocations locations, InventorySkus skus, CurrentUser user, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(Guid merchantId, StocktakeRequest request)
    {
        await locations.RequireAsync(merchantId, request.LocationId);
        var levels = await db.StockLevels.AsNoTracking().Where(l => l.MerchantId == merchantId && l.LocationId == request.LocationId).ToListAsync();
        if (levels.Count == 0)
        {
            throw DomainException.Conflict("nothing_to_count", "This location holds no stock to count yet.", "该地点还没有任何库存记录，无需盘点。");
        }

        var sheet = new Stocktake
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, LocationId = request.LocationId, Status = StocktakeStatus.Counting, CreatedAt = clock.GetUtcNow(),
            Lines = [.. levels.Select(l => new StocktakeLine { SkuId = l.SkuId, ProductId = l.ProductId, Expected = l.OnHand })],
        };
        db.Stocktakes.Add(sheet);
        await db.SaveChangesAsync();
        return sheet.Id;
    }

    public async Task CountAsync(Guid merchantId, Guid stocktakeId, CountRequest request)
    {
        var sheet = await FindAsync(merchantId, stocktakeId);
        var counts = request.Counts ?? [];
        var errors = new Validation();
        errors.Check("counts", counts.Count > 0 && counts.Select(c => c.SkuId).Distinct().Count() == counts.Count, "Enter each counted SKU once.", "请填写盘点数量，每个规格一行。");
        errors.Check("counts", counts.All(c => sheet.Lines.Any(l => l.SkuId == c.SkuId)), "Only SKUs on this sheet can be counted.", "只能填写本盘点单上的商品。");
        errors.Check("counted", counts.All(c => c.Counted is >= 0 and <= StockLimits.MaxQuantity), "A counted quantity cannot be negative.", "盘点数量不能为负数。");
        errors.ThrowIfAny();
        EnsureCounting(sheet);
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var count in counts)
        {
            await db.Set<StocktakeLine>().Where(l => l.StocktakeId == stocktakeId && l.SkuId == count.SkuId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Counted, count.Counted));
        }

        // The sheet must still be open when the counts land; an approval in between wins and these roll back.
        var open = await db.Stocktakes.Where(s => s.Id == stocktakeId && s.Status == StocktakeStatus.Counting)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StocktakeStatus.Counting));
        if (open == 0)
        {
            throw Approved();
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// Adds a SKU that is not on the sheet (goods found on a shelf with no stock record) while it is open. Its book
    /// quantity is the on-hand at this moment — a missing level is created at 0 — so approval adjusts it like the
    /// snapshotted lines (decision 0020).
    /// </summary>
    public async Task AddLineAsync(Guid merchantId, Guid stocktakeId, StocktakeLineRequest request)
    {
        var errors = new Validation();
        errors.Check("counted", request.Counted is null or (>= 0 and <= StockLimits.MaxQuantity), "A counted quantity cannot be negative.", "盘点数量不能为负数。");
        errors.ThrowIfAny();
        var sheet = await FindAsync(merchantId, stocktakeId);
        await skus.RequireAsync(merchantId, [(request.ProductId, request.SkuId)]);
        EnsureCounting(sheet);
        if (sheet.Lines.Any(l => l.SkuId == request.SkuId))
        {
            throw AlreadyOnSheet();
        }

        var key = new StockKey(merchantId, sheet.LocationId, request.ProductId, request.SkuId);
        await ledger.EnsureLevelsAsync([key]);
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Claims the open sheet first: an approval that got there before wins, and one after it waits and sees the line.
        var open = await db.Stocktakes.Where(s => s.Id == stocktakeId && s.Status == StocktakeStatus.Counting)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StocktakeStatus.Counting));
        if (open == 0)
        {
            throw Approved();
        }

        var onHand = await db.StockLevels.Where(l => l.LocationId == key.LocationId && l.SkuId == key.SkuId).Select(l => l.OnHand).SingleAsync();
        db.Set<StocktakeLine>().Add(new StocktakeLine { StocktakeId = stocktakeId, SkuId = request.SkuId, ProductId = request.ProductId, Expected = onHand, Counted = request.Counted });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone added the same SKU a moment earlier: the line's key refused the second copy.
            throw AlreadyOnSheet();
        }

        await transaction.CommitAsync();
    }

    public async Task ApproveAsync(Guid merchantId, Guid stocktakeId)
    {
        var sheet = await FindAsync(merchantId, stocktakeId);
        EnsureCounting(sheet);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var won = await db.Stocktakes.Where(s => s.Id == stocktakeId && s.Status == StocktakeStatus.Counting)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StocktakeStatus.Approved).SetProperty(x => x.ApprovedAt, clock.GetUtcNow())
                .SetProperty(x => x.ApprovedBy, user.DisplayName));
        if (won == 0)
        {
            throw Approved();
        }

        // Counts are re-read inside the transaction: they are the ones this approval locked in.
        var lines = await db.Set<StocktakeLine>().AsNoTracking().Where(l => l.StocktakeId == stocktakeId && l.Counted != null && l.Counted != l.Expected).ToListAsync();
        foreach (var line in lines)
        {
            await ledger.MoveAsync(new StockKey(merchantId, sheet.LocationId, line.ProductId, line.SkuId), line.Counted!.Value - line.Expected,
                MovementKind.StocktakeAdjustment, Reference(stocktakeId), $"盘点 {line.Expected} → {line.Counted}");
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public static string Reference(Guid stocktakeId) => $"stocktake:{stocktakeId}";

    private static void EnsureCounting(Stocktake sheet)
    {
        if (sheet.Status != StocktakeStatus.Counting)
        {
            throw Approved();
        }
    }

    private static DomainException AlreadyOnSheet() =>
        DomainException.Conflict("already_on_sheet", "This SKU is already on the sheet: enter its count there.", "该规格已在盘点单上，请直接填写实盘数量。");

    private static DomainException Approved() =>
        DomainException.Conflict("stocktake_approved", "This stocktake was already approved.", "该盘点单已审核，不能再修改或重复审核。");

    private async Task<Stocktake> FindAsync(Guid merchantId, Guid stocktakeId) =>
        await db.Stocktakes.AsNoTracking().Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == stocktakeId && s.MerchantId == merchantId)
        ?? throw DomainException.NotFound("Stocktake", "盘点单");
}
