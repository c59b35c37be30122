using LocalLoop.Catalog;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

/// <summary>
/// Stock for the first demo merchant, written through the same use cases its staff use: a packaged hotpot base it
/// sells as goods, a standby and a defective warehouse, one received purchase, a transfer to the store, a damaged
/// carton, a sale, a low-stock threshold and a purchase still waiting to be received. The tailor's shirts and ties get
/// stock in a shipping warehouse too, so a visitor can put goods of two merchants in the cart.
/// </summary>
public static class InventoryDemo
{
    public static async Task SeedAsync(IServiceProvider services, Guid merchantId)
    {
        var productId = await GoodsAsync(services, merchantId);
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var skus = await db.Skus.Where(s => s.ProductId == productId).OrderBy(s => s.SortOrder).Select(s => s.Id).ToListAsync();
        var (mild, hot) = (skus[0], skus[1]);
        var store = await db.Stores.IgnoreQueryFilters().Where(s => s.MerchantId == merchantId).OrderBy(s => s.CreatedAt).Select(s => s.Id).FirstAsync();
        var locations = sp.GetRequiredService<StockLocations>();
        var standby = await locations.AddWarehouseAsync(merchantId, new WarehouseRequest("中央备货仓", nameof(WarehouseType.Standby)));
        var defective = await locations.AddWarehouseAsync(merchantId, new WarehouseRequest("次品仓", nameof(WarehouseType.Defective)));
        await locations.AddWarehouseAsync(merchantId, new WarehouseRequest("同城发货仓", nameof(WarehouseType.Shipping)));

        var receipts = sp.GetRequiredService<PurchaseReceipts>();
        var first = await receipts.CreateAsync(merchantId, new ReceiptRequest(standby.Id, "重庆德庄食品厂", "首批到货",
            [new ReceiptLineRequest(productId, mild, 60, 1_800), new ReceiptLineRequest(productId, hot, 40, 1_900)]));
        await receipts.ReceiveAsync(merchantId, first);
        var transfers = sp.GetRequiredService<StockTransfers>();
        await transfers.TransferAsync(merchantId, new TransferRequest(standby.Id, store, "门店补货", [new StockLineRequest(productId, mild, 20), new StockLineRequest(productId, hot, 10)]));
        await transfers.MoveToDefectiveAsync(merchantId, new TransferRequest(standby.Id, defective.Id, "外箱压损", [new StockLineRequest(productId, hot, 2)]));
        await sp.GetRequiredService<LowStockThresholds>().SetAsync(merchantId, store, mild, new ThresholdRequest(productId, 10));
        var reservations = sp.GetRequiredService<StockReservations>();
        await reservations.ReserveAsync(merchantId, store, productId, mild, 3, "demo-order-1");
        await reservations.CommitAsync(merchantId, "demo-order-1");
        await receipts.CreateAsync(merchantId, new ReceiptRequest(standby.Id, "重庆德庄食品厂", "第二批，待验收", [new ReceiptLineRequest(productId, mild, 30, 1_750)]));
        await TailorStockAsync(sp);
    }

    /// <summary>Every SKU of the tailor's goods (CatalogDemo) gets 20 units in its shipping warehouse.</summary>
    private static async Task TailorStockAsync(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var tailorId = await db.Merchants.Where(m => m.Name == "Tailor Chen 陈师傅裁缝").Select(m => m.Id).SingleAsync();
        var goods = await sp.GetRequiredService<InventorySkus>().GoodsAsync(tailorId);
        var warehouse = await sp.GetRequiredService<StockLocations>().AddWarehouseAsync(tailorId, new WarehouseRequest("成衣发货仓", nameof(WarehouseType.Shipping)));
        var receipts = sp.GetRequiredService<PurchaseReceipts>();
        var receipt = await receipts.CreateAsync(tailorId, new ReceiptRequest(warehouse.Id, "杭州丝绸制衣厂", "开业备货",
            [.. goods.Select(g => new ReceiptLineRequest(g.ProductId, g.SkuId, 20, 9_000))]));
        await receipts.ReceiveAsync(tailorId, receipt);
    }

    private static async Task<Guid> GoodsAsync(IServiceProvider services, Guid merchantId)
    {
        using var scope = services.CreateScope();
        var editing = scope.ServiceProvider.GetRequiredService<ProductEditing>();
        var product = await editing.CreateAsync(merchantId, new ProductRequest(nameof(ProductKind.Goods), "重庆牛油火锅底料 500g", "food.hotpot", null, "店内同款锅底，真空包装 / our own hotpot base, vacuum packed",
            new KindFields { WeightGrams = 520, ShipsFromStore = true }, [new SpecDimension("辣度", ["微辣", "特辣"])],
            [new SkuRequest(["微辣"], "HG-BASE-1", null, 3_800, 1_800), new SkuRequest(["特辣"], "HG-BASE-2", null, 3_800, 1_900)]));
        await editing.SubmitAsync(merchantId, product.Id);
        await scope.ServiceProvider.GetRequiredService<ProductReview>().ApproveAsync(product.WorkingRevisionId!.Value);
        await scope.ServiceProvider.GetRequiredService<ProductListing>().SetListedAsync(merchantId, product.Id, listed: true);
        return product.Id;
    }
}
