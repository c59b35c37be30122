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

/// <summary>The warehouse's packing table: paid shipping orders not yet in a parcel, parcels to dispatch, parcels that left.</summary>
[Authorize(Policy = Policies.MerchantInventory)]
[Platform.Idempotency.IdempotentForm]
public sealed class ParcelsModel(AppDbContext db, ShipmentPlanning planning, ShipmentDispatch dispatch, ShipmentQueries queries, StockLocations locations,
    CurrentUser user, Text text) : ActionPageModel
{
    public List<OrderView> Waiting { get; private set; } = [];
    public List<ShipmentView> Open { get; private set; } = [];
    public List<ShipmentView> Recent { get; private set; } = [];
    public Dictionary<Guid, string> LocationNames { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    protected override async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        var planned = db.Set<ShipmentLine>().Select(l => l.OrderId);
        Waiting = [.. (await db.Orders.AsNoTracking().Include(o => o.Lines)
                .Where(o => o.MerchantId == merchantId && o.Kind == OrderKind.Shipping && (o.State == OrderState.Paid || o.State == OrderState.PayOnDelivery) && !planned.Contains(o.Id))
                .OrderBy(o => o.CreatedAt).Take(100).ToListAsync())
            .Select(OrderView.From)];
        Open = await queries.OfMerchantAsync(merchantId, ShipmentState.Open);
        Recent = [.. (await queries.OfMerchantAsync(merchantId, ShipmentState.Dispatched)).Take(20)];
        LocationNames = (await locations.OfMerchantAsync(merchantId)).ToDictionary(l => l.Id, l => l.Name);
    }

    public Task<IActionResult> OnPostMergeAsync(List<Guid> orderIds) => ActAsync(async () =>
        text.Format("ordersplit.merged", (await planning.MergeAsync(user.RequiredMerchantId, new MergeRequest(orderIds))).Count));

    public Task<IActionResult> OnPostSplitAsync(Guid orderId) => ActAsync(async () =>
        text.Format("ordersplit.merged", (await planning.SplitAsync(user.RequiredMerchantId, orderId, new SplitRequest(null))).Count));

    public Task<IActionResult> OnPostDispatchAsync(Guid shipmentId, string? trackingNumber) => ActAsync(async () =>
        text.Format("ordersplit.dispatched", (await dispatch.DispatchAsync(user.RequiredMerchantId, shipmentId, new DispatchRequest(trackingNumber))).TrackingNumber ?? ""));

    public Task<IActionResult> OnPostDissolveAsync(Guid shipmentId) =>
        ActAsync(() => planning.DissolveAsync(user.RequiredMerchantId, shipmentId), text["ordersplit.dissolved"]);
}
