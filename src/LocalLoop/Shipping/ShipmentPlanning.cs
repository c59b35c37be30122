using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Shipping;

public sealed record MergeRequest(List<Guid>? OrderIds);

/// <param name="Batches">Line numbers per parcel; null splits by the warehouse each line's stock is held at.</param>
public sealed record SplitRequest(List<List<int>>? Batches);

/// <summary>
/// Plans parcels for paid shipping orders that have not left: merge several orders of one consumer and address into
/// one parcel per warehouse, or split one order into several parcels. A line can be in only one parcel — the
/// primary key of <see cref="ShipmentLine"/> refuses a second plan, however concurrent.
/// </summary>
public sealed class ShipmentPlanning(AppDbContext db, TimeProvider clock)
{
    public const int MaxMerged = 20;

    private static readonly OrderState[] Shippable = [OrderState.Paid, OrderState.PayOnDelivery];

    public async Task<List<Shipment>> MergeAsync(Guid merchantId, MergeRequest request)
    {
        var ids = (request.OrderIds ?? []).Distinct().ToList();
        if (ids.Count is < 2 or > MaxMerged)
        {
            throw Validation.Single("orderIds", $"Choose 2 to {MaxMerged} orders to merge.", $"请选择 2 到 {MaxMerged} 个订单合并发货。");
        }

        var orders = await ShippableAsync(merchantId, ids);
        var first = orders[0];
        if (orders.Any(o => o.ConsumerId != first.ConsumerId || Address(o) != Address(first)))
        {
            throw DomainException.Conflict("different_address", "Only orders of the same consumer to the same address can be merged.",
                "只有同一买家、同一收货地址的订单才能合并发货。");
        }

        return await PlanAsync(orders, [.. orders.SelectMany(o => o.Lines).GroupBy(l => l.LocationId).Select(g => g.ToList())]);
    }

    public async Task<List<Shipment>> SplitAsync(Guid merchantId, Guid orderId, SplitRequest request)
    {
        var order = (await ShippableAsync(merchantId, [orderId]))[0];
        var batches = request.Batches is null
            ? order.Lines.GroupBy(l => l.LocationId).Select(g => g.ToList()).ToList()
            : Batches(order, request.Batches);
        return await PlanAsync([order], batches);
    }

    /// <summary>Takes an open parcel apart again (e.g. an order in it was cancelled); its lines can be planned anew.</summary>
    public async Task DissolveAsync(Guid merchantId, Guid shipmentId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var removed = await db.Shipments.Where(s => s.Id == shipmentId && s.MerchantId == merchantId && s.State == ShipmentState.Open).ExecuteDeleteAsync();
        if (removed == 0)
        {
            throw await db.Shipments.AnyAsync(s => s.Id == shipmentId && s.MerchantId == merchantId)
                ? DomainException.Conflict("shipment_dispatched", "This parcel has left and cannot be taken apart.", "该包裹已发出，不能拆除。")
                : DomainException.NotFound("Shipment", "包裹");
        }

        await db.Set<ShipmentLine>().Where(l => l.ShipmentId == shipmentId).ExecuteDeleteAsync();
        await transaction.CommitAsync();
    }

    private static List<List<OrderLine>> Batches(Order order, List<List<int>> batches)
    {
        var numbers = batches.SelectMany(b => b).ToList();
        var all = order.Lines.Select(l => l.LineNumber).Order().ToList();
        if (batches.Count < 1 || batches.Any(b => b.Count == 0) || numbers.Count != numbers.Distinct().Count() || !numbers.Order().SequenceEqual(all))
        {
            throw Validation.Single("batches", "Put every line of the order in exactly one batch.", "请把订单的每一行恰好放进一个批次。");
        }

        var lines = order.Lines.ToDictionary(l => l.LineNumber);
        var planned = batches.Select(b => b.Select(n => lines[n]).ToList()).ToList();
        if (planned.Any(b => b.Select(l => l.LocationId).Distinct().Count() > 1))
        {
            throw DomainException.Conflict("batch_spans_warehouses", "A parcel leaves from one warehouse; this batch holds lines from several.",
                "一个包裹只能从一个仓库发出，该批次包含多个仓库的商品。");
        }

        return planned;
    }

    private async Task<List<Order>> ShippableAsync(Guid merchantId, List<Guid> ids)
    {
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => ids.Contains(o.Id) && o.MerchantId == merchantId).ToListAsync();
        if (orders.Count != ids.Count)
        {
            throw DomainException.NotFound("Order", "订单");
        }

        if (orders.FirstOrDefault(o => o.Kind != OrderKind.Shipping || !Shippable.Contains(o.State)) is { } unfit)
        {
            throw DomainException.Conflict("not_shippable", $"Order {unfit.Id} is not a paid shipping order waiting to leave.",
                $"订单 {unfit.Id} 不是待发货的快递订单，不能合并或拆分。");
        }

        return orders;
    }

    private async Task<List<Shipment>> PlanAsync(List<Order> orders, List<List<OrderLine>> parcels)
    {
        var first = orders[0];
        var now = clock.GetUtcNow();
        var shipments = parcels.Select(lines => new Shipment
        {
            Id = Guid.CreateVersion7(), MerchantId = first.MerchantId, ConsumerId = first.ConsumerId,
            LocationId = lines[0].LocationId ?? throw new InvalidOperationException("Shipping lines always hold stock at a location."),
            RecipientName = first.RecipientName ?? "", RecipientPhone = first.RecipientPhone ?? "", DeliveryAddress = first.DeliveryAddress ?? "",
            State = ShipmentState.Open, CreatedAt = now,
            Lines = [.. lines.Select(l => new ShipmentLine { OrderId = l.OrderId, LineNumber = l.LineNumber })],
        }).ToList();
        db.Shipments.AddRange(shipments);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw DomainException.Conflict("already_planned", "Some of these lines are already in a parcel; take that parcel apart first.",
                "部分商品已在其他包裹中，请先拆除该包裹。");
        }

        return shipments;
    }

    private static (string, string, string) Address(Order o) =>
        ((o.RecipientName ?? "").Trim(), new string((o.RecipientPhone ?? "").Where(char.IsAsciiDigit).ToArray()), (o.DeliveryAddress ?? "").Trim());
}
