using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Shipping;

/// <summary>
/// The warehouse's packing table: paid shipping orders with units not yet in a parcel (merge, split by warehouse, or
/// pack chosen units of their lines), parcels to dispatch, parcels that left.
/// </summary>
[Authorize(Policy = Policies.MerchantInventory)]
[Platform.Idempotency.IdempotentForm]
public sealed class ParcelsModel(AppDbContext db, ShipmentPlanning planning, ShipmentDispatch dispatch, ShipmentQueries queries, StockLocations locations,
    CurrentUser user, Text text) : ActionPageModel
{
    public List<OrderView> Waiting { get; private set; } = [];
    public List<ShipmentView> Open { get; private set; } = [];
    public List<ShipmentView> Recent { get; private set; } = [];
    public Dictionary<Guid, string> LocationNames { get; private set; } = [];

    /// <summary>Units of each waiting order's lines already in parcels, by (order, line); absent means none.</summary>
    public Dictionary<(Guid OrderId, int LineNumber), int> Packed { get; private set; } = [];

    public int LeftToPack(Guid orderId, OrderLineView line) => line.Quantity - Packed.GetValueOrDefault((orderId, line.LineNumber));

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        var packings = db.Set<OrderLinePacking>();
        Waiting = [.. (await db.Orders.AsNoTracking().Include(o => o.Lines)
                .Where(o => o.MerchantId == merchantId && o.Kind == OrderKind.Shipping && (o.State == OrderState.Paid || o.State == OrderState.PayOnDelivery)
                    && o.Lines.Any(l => !packings.Any(p => p.OrderId == l.OrderId && p.LineNumber == l.LineNumber && p.Packed >= p.Quantity)))
                .OrderBy(o => o.CreatedAt).Take(100).ToListAsync())
            .Select(OrderView.From)];
        var waitingIds = Waiting.Select(o => o.Id).ToList();
        Packed = await packings.AsNoTracking().Where(p => waitingIds.Contains(p.OrderId)).ToDictionaryAsync(p => (p.OrderId, p.LineNumber), p => p.Packed);
        Open = await queries.OfMerchantAsync(merchantId, ShipmentState.Open);
        Recent = [.. (await queries.OfMerchantAsync(merchantId, ShipmentState.Dispatched)).Take(20)];
        LocationNames = (await locations.OfMerchantAsync(merchantId)).ToDictionary(l => l.Id, l => l.Name);
    }

    public Task<IActionResult> OnPostMergeAsync(List<Guid> orderIds) => ActAsync(async () =>
        text.Format("ordersplit.merged", (await planning.MergeAsync(user.RequiredMerchantId, new MergeRequest(orderIds))).Count));

    public Task<IActionResult> OnPostSplitAsync(Guid orderId) => ActAsync(async () =>
        text.Format("ordersplit.merged", (await planning.SplitAsync(user.RequiredMerchantId, orderId, new SplitRequest(null))).Count));

    /// <summary>One parcel with the units typed per line; lines left empty or at 0 stay out of it.</summary>
    public Task<IActionResult> OnPostPackAsync(Guid orderId, List<PackLineForm> items) => ActAsync(async () =>
    {
        var chosen = items.Where(i => i.Quantity is not (null or 0)).Select(i => new PackItem(i.LineNumber, i.Quantity!.Value)).ToList();
        var parcel = await planning.PackAsync(user.RequiredMerchantId, orderId, new PackRequest(chosen));
        return text.Format("pc.packed", parcel.Lines.Sum(l => l.Quantity));
    });

    public Task<IActionResult> OnPostDispatchAsync(Guid shipmentId, string? trackingNumber) => ActAsync(async () =>
        text.Format("ordersplit.dispatched", (await dispatch.DispatchAsync(user.RequiredMerchantId, shipmentId, new DispatchRequest(trackingNumber))).TrackingNumber ?? ""));

    public Task<IActionResult> OnPostDissolveAsync(Guid shipmentId) =>
        ActAsync(() => planning.DissolveAsync(user.RequiredMerchantId, shipmentId), text["ordersplit.dissolved"]);
}

/// <summary>A line's row in the pack form.</summary>
public sealed class PackLineForm
{
    public int LineNumber { get; set; }
    public int? Quantity { get; set; }
}
