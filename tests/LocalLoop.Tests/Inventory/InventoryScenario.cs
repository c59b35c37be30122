using System.Net.Http.Json;
using LocalLoop.Catalog;
using LocalLoop.Inventory;
using LocalLoop.Tests.Catalog;
using LocalLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalLoop.Tests.Inventory;

/// <summary>A merchant with a live four-SKU shirt and two warehouses (备货仓, 次品仓), made through the public API.</summary>
public sealed record InventorySetup(MerchantSetup Merchant, ProductDetail Shirt, LocationView Standby, LocationView Defective)
{
    public SkuView Sku(int index) => Shirt.Live!.Skus[index];

    public ReceiptLineRequest Line(int index, int quantity, long unitCostFen = 4_000) => new(Shirt.Id, Sku(index).Id, quantity, unitCostFen);

    public StockLineRequest Move(int index, int quantity) => new(Shirt.Id, Sku(index).Id, quantity);
}

public static class InventoryScenario
{
    public static async Task<InventorySetup> NewAsync(TestApp app)
    {
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shirt = await CatalogScenario.LiveAsync(app, merchant.Owner, CatalogScenario.Shirt(CatalogScenario.NewPrefix()));
        var standby = await merchant.Owner.PostAsJsonAsync("/api/merchant/inventory/warehouses", new WarehouseRequest("一号备货仓", nameof(WarehouseType.Standby)))
            .ShouldReturnAsync<LocationView>(201);
        var defective = await merchant.Owner.PostAsJsonAsync("/api/merchant/inventory/warehouses", new WarehouseRequest("次品仓", nameof(WarehouseType.Defective)))
            .ShouldReturnAsync<LocationView>(201);
        return new InventorySetup(merchant, shirt, standby, defective);
    }

    /// <summary>A receipt into <paramref name="locationId"/>, created and received.</summary>
    public static async Task<ReceiptView> ReceiveAsync(HttpClient client, Guid locationId, params ReceiptLineRequest[] lines)
    {
        var receipt = await client.PostAsJsonAsync("/api/merchant/inventory/receipts", new ReceiptRequest(locationId, "杭州织造厂", null, [.. lines]))
            .ShouldReturnAsync<ReceiptView>(201);
        return await client.PostAsync($"/api/merchant/inventory/receipts/{receipt.Id}/receive", null).ShouldReturnAsync<ReceiptView>();
    }

    public static async Task<StockRow> LevelAsync(HttpClient client, Guid locationId, Guid skuId) =>
        (await client.GetFromJsonAsync<List<StockRow>>($"/api/merchant/inventory/stock?locationId={locationId}"))!.Single(r => r.SkuId == skuId);

    /// <summary>The reservation service as the order slice calls it, in its own scope like a request would.</summary>
    public static Task<ReservationView> ReservationsAsync(TestApp app, Func<StockReservations, Task<ReservationView>> call) =>
        app.WithScopeAsync(sp => call(sp.GetRequiredService<StockReservations>()));
}
