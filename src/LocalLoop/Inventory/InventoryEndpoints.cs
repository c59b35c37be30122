using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;

namespace LocalLoop.Inventory;

public static class InventoryEndpoints
{
    public static void MapInventoryEndpoints(this IEndpointRouteBuilder app)
    {
        var inventory = app.MapGroup("/api/merchant/inventory").WithTags("Merchant console");
        // Warehouse staff move stock; approving a stocktake (which writes adjustments) is for owners and managers (decision 0020).
        var staff = inventory.MapGroup("").RequireAuthorization(Policies.MerchantInventory);

        staff.MapGet("/locations", (StockLocations locations, CurrentUser user) => locations.OfMerchantAsync(user.RequiredMerchantId));
        staff.MapPost("/warehouses", async (WarehouseRequest request, StockLocations locations, CurrentUser user) =>
            TypedResults.Created("/api/merchant/inventory/locations", await locations.AddWarehouseAsync(user.RequiredMerchantId, request)));
        staff.MapGet("/stock", (Guid? locationId, InventoryQueries queries, CurrentUser user) => queries.StockAsync(user.RequiredMerchantId, locationId));
        staff.MapPut("/stock/{locationId:guid}/{skuId:guid}/threshold", async (Guid locationId, Guid skuId, ThresholdRequest request, LowStockThresholds thresholds, CurrentUser user) =>
        {
            await thresholds.SetAsync(user.RequiredMerchantId, locationId, skuId, request);
            return TypedResults.NoContent();
        });
        staff.MapGet("/movements", (Guid? locationId, int? page, InventoryQueries queries, CurrentUser user) =>
            queries.MovementsAsync(user.RequiredMerchantId, locationId, page ?? 1));

        staff.MapGet("/receipts", (InventoryQueries queries, CurrentUser user) => queries.ReceiptsAsync(user.RequiredMerchantId));
        staff.MapGet("/receipts/{id:guid}", (Guid id, InventoryQueries queries, CurrentUser user) => queries.ReceiptAsync(user.RequiredMerchantId, id));
        staff.MapPost("/receipts", async (ReceiptRequest request, PurchaseReceipts receipts, InventoryQueries queries, CurrentUser user) =>
        {
            var id = await receipts.CreateAsync(user.RequiredMerchantId, request);
            return TypedResults.Created($"/api/merchant/inventory/receipts/{id}", await queries.ReceiptAsync(user.RequiredMerchantId, id));
        });
        staff.MapPost("/receipts/{id:guid}/receive", async (Guid id, PurchaseReceipts receipts, InventoryQueries queries, CurrentUser user) =>
        {
            await receipts.ReceiveAsync(user.RequiredMerchantId, id);
            return TypedResults.Ok(await queries.ReceiptAsync(user.RequiredMerchantId, id));
        }).WithIdempotency();
        staff.MapPost("/receipts/{id:guid}/return", async (Guid id, PurchaseReturnRequest request, PurchaseReceipts receipts, InventoryQueries queries, CurrentUser user) =>
        {
            await receipts.ReturnAsync(user.RequiredMerchantId, id, request);
            return TypedResults.Ok(await queries.ReceiptAsync(user.RequiredMerchantId, id));
        }).WithIdempotency();

        staff.MapPost("/transfers", async (TransferRequest request, StockTransfers transfers, CurrentUser user) =>
            TypedResults.Ok(await transfers.TransferAsync(user.RequiredMerchantId, request))).WithIdempotency();
        staff.MapPost("/defective", async (TransferRequest request, StockTransfers transfers, CurrentUser user) =>
            TypedResults.Ok(await transfers.MoveToDefectiveAsync(user.RequiredMerchantId, request))).WithIdempotency();

        staff.MapGet("/stocktakes", (InventoryQueries queries, CurrentUser user) => queries.StocktakesAsync(user.RequiredMerchantId));
        staff.MapGet("/stocktakes/{id:guid}", (Guid id, InventoryQueries queries, CurrentUser user) => queries.StocktakeAsync(user.RequiredMerchantId, id));
        staff.MapPost("/stocktakes", async (StocktakeRequest request, Stocktaking stocktaking, InventoryQueries queries, CurrentUser user) =>
        {
            var id = await stocktaking.CreateAsync(user.RequiredMerchantId, request);
            return TypedResults.Created($"/api/merchant/inventory/stocktakes/{id}", await queries.StocktakeAsync(user.RequiredMerchantId, id));
        });
        staff.MapPut("/stocktakes/{id:guid}/counts", async (Guid id, CountRequest request, Stocktaking stocktaking, InventoryQueries queries, CurrentUser user) =>
        {
            await stocktaking.CountAsync(user.RequiredMerchantId, id, request);
            return TypedResults.Ok(await queries.StocktakeAsync(user.RequiredMerchantId, id));
        });
        staff.MapPost("/stocktakes/{id:guid}/lines", async (Guid id, StocktakeLineRequest request, Stocktaking stocktaking, InventoryQueries queries, CurrentUser user) =>
        {
            await stocktaking.AddLineAsync(user.RequiredMerchantId, id, request);
            return TypedResults.Created($"/api/merchant/inventory/stocktakes/{id}", await queries.StocktakeAsync(user.RequiredMerchantId, id));
        });

        inventory.MapPost("/stocktakes/{id:guid}/approve", async (Guid id, Stocktaking stocktaking, InventoryQueries queries, CurrentUser user) =>
        {
            await stocktaking.ApproveAsync(user.RequiredMerchantId, id);
            return TypedResults.Ok(await queries.StocktakeAsync(user.RequiredMerchantId, id));
        }).RequireAuthorization(Policies.MerchantFinance).WithIdempotency();
    }

    public static IServiceCollection AddInventory(this IServiceCollection services) => services
        .AddSingleton<SoldOutMarks>().AddSingleton<StockRowGates>().AddScoped<StockLocations>().AddScoped<InventorySkus>().AddScoped<StockLedger>().AddScoped<StockReservations>().AddScoped<PurchaseReceipts>()
        .AddScoped<StockTransfers>().AddScoped<Stocktaking>().AddScoped<LowStockThresholds>().AddScoped<InventoryQueries>();
}
