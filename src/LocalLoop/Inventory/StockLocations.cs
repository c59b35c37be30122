using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Inventory;

public sealed record WarehouseRequest(string? Name, string? Type);

/// <summary>A place that holds stock: a warehouse (<see cref="Kind"/> is its type) or a store (<see cref="Kind"/> "Store").</summary>
public sealed record LocationView(Guid Id, string Name, string Kind)
{
    public const string StoreKind = "Store";
}

/// <summary>The merchant's stock locations: its warehouses and its stores.</summary>
public sealed class StockLocations(AppDbContext db, TimeProvider clock)
{
    public async Task<List<LocationView>> OfMerchantAsync(Guid merchantId)
    {
        var warehouses = await db.Warehouses.Where(w => w.MerchantId == merchantId).OrderBy(w => w.CreatedAt)
            .Select(w => new { w.Id, w.Name, w.Type }).ToListAsync();
        var stores = await db.Stores.IgnoreQueryFilters().Where(s => s.MerchantId == merchantId).OrderBy(s => s.CreatedAt)
            .Select(s => new LocationView(s.Id, s.Name, LocationView.StoreKind)).ToListAsync();
        return [.. warehouses.Select(w => new LocationView(w.Id, w.Name, w.Type.ToString())), .. stores];
    }

    /// <summary>The location if it is one of the merchant's; 404 otherwise, whoever owns it.</summary>
    public async Task<LocationView> RequireAsync(Guid merchantId, Guid locationId) =>
        (await OfMerchantAsync(merchantId)).SingleOrDefault(l => l.Id == locationId) ?? throw NotFound();

    public async Task<LocationView> AddWarehouseAsync(Guid merchantId, WarehouseRequest request)
    {
        var errors = new Validation();
        errors.Required("name", request.Name, InventoryModel.MaxNameLength, "Warehouse name", "仓库名称");
        errors.Check("type", Enum.TryParse<WarehouseType>(request.Type, ignoreCase: false, out var type) && Enum.IsDefined(type),
            "Choose the warehouse type: Standby, Shipping, Presale, Transit or Defective.", "请选择仓库类型：备货仓、发货仓、预售仓、在途仓或次品仓。");
        errors.ThrowIfAny();
        var warehouse = new Warehouse { Id = Guid.CreateVersion7(), MerchantId = merchantId, Name = request.Name!.Trim(), Type = type, CreatedAt = clock.GetUtcNow() };
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync();
        return new LocationView(warehouse.Id, warehouse.Name, type.ToString());
    }

    public static DomainException NotFound() => DomainException.NotFound("Stock location", "库存地点");
}
