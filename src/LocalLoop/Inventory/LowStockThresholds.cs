using LocalLoop.Platform;
using LocalLoop.Platform.Data;

namespace LocalLoop.Inventory;

public sealed record ThresholdRequest(Guid ProductId, int? Threshold);

/// <summary>Per SKU per location: at or below this available quantity the merchant gets one inbox message until it recovers.</summary>
public sealed class LowStockThresholds(AppDbContext db, StockLedger ledger, StockLocations locations, InventorySkus skus)
{
    public async Task SetAsync(Guid merchantId, Guid locationId, Guid skuId, ThresholdRequest request)
    {
        await locations.RequireAsync(merchantId, locationId);
        await skus.RequireAsync(merchantId, [(request.ProductId, skuId)]);
        if (request.Threshold is < 0 or > StockLimits.MaxQuantity)
        {
            throw Validation.Single("threshold", "The alert threshold cannot be negative.", "预警数量不能为负数。");
        }

        var key = new StockKey(merchantId, locationId, request.ProductId, skuId);
        await ledger.EnsureLevelsAsync([key]);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ledger.SetThresholdAsync(key, request.Threshold);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
