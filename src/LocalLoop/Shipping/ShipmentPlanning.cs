using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Shipping;

public sealed record MergeRequest(List<Guid>? OrderIds);

/// <param name="Batches">Line numbers per parcel; null splits by the warehouse each line's stock is held at.</param>
public sealed record SplitRequest(List<List<int>>? Batches);

/// <summary>Some units of some lines of one order, packed as one parcel; the rest can be packed later.</summary>
public sealed record PackRequest(List<PackItem>? Items);

public sealed record PackItem(int LineNumber, int Quantity);

/// <summary>
/// Plans parcels for paid shipping orders that have not left: merge several orders of one consumer and address into
/// one parcel per warehouse, split one order into several parcels, or pack some units of an order's lines now and the
/// rest later. The units of a line in parcels never exceed its quantity — <see cref="OrderLinePacking"/> is counted up
/// with a conditional update, however concurrent the plans.
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

        return await PlanWholeLinesAsync(orders, [.. orders.SelectMany(o => o.Lines).GroupBy(l => l.LocationId).Select(g => g.ToList())]);
    }

    public async Task<List<Shipment>> SplitAsync(Guid merchantId, Guid orderId, SplitRequest request)
    {
        var order = (await ShippableAsync(merchantId, [orderId]))[0];
        var batches = request.Batches is null
            ? order.Lines.GroupBy(l => l.LocationId).Select(g => g.ToList()).ToList()
            : Batches(order, request.Batches);
        return await PlanWholeLinesAsync([order], batches);
    }

    /// <summary>One parcel with the given units of an order's lines, from one warehouse; at most what is left unpacked of each line.</summary>
    public async Task<Shipment> PackAsync(Guid merchantId, Guid orderId, PackRequest request)
    {
        var order = (await ShippableAsync(merchantId, [orderId]))[0];
        var items = request.Items ?? [];
        var lines = order.Lines.ToDictionary(l => l.LineNumber);
        var errors = new Validation();
        errors.Check("items", items.Count > 0, "Choose at least one line and how many of its units to pack.", "请至少选择一行商品并填写打包数量。");
        errors.Check("items", items.All(i => lines.ContainsKey(i.LineNumber)) && items.Select(i => i.LineNumber).Distinct().Count() == items.Count,
            "Name each line of the order at most once.", "每一行商品最多填写一次。");
        errors.Check("items", items.All(i => i.Quantity > 0 && (!lines.TryGetValue(i.LineNumber, out var line) || i.Quantity <= line.Quantity)),
            "Pack at least 1 unit of a line and no more than it ordered.", "每行打包数量须至少 1 件，且不超过购买数量。");
        errors.ThrowIfAny();
        var parcel = items.OrderBy(i => i.LineNumber).Select(i => (lines[i.LineNumber], i.Quantity)).ToList();
        SingleWarehouse([parcel]);
        return (await PlanAsync([order], [parcel], OverPackedAsync))[0];
    }

    /// <summary>Takes an open parcel apart again (e.g. an order in it was cancelled); its lines can be planned anew.</summary>
    public async Task DissolveAsync(Guid merchantId, Guid shipmentId)
    {
        // A parcel's lines never change once planned; read them before the delete cascades to them.
        var lines = await db.Set<ShipmentLine>().AsNoTracking().Where(l => l.ShipmentId == shipmentId).OrderBy(l => l.OrderId).ThenBy(l => l.LineNumber).ToListAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var removed = await db.Shipments.Where(s => s.Id == shipmentId && s.MerchantId == merchantId && s.State == ShipmentState.Open).ExecuteDeleteAsync();
        if (removed == 0)
        {
            throw await db.Shipments.AnyAsync(s => s.Id == shipmentId && s.MerchantId == merchantId)
                ? DomainException.Conflict("shipment_dispatched", "This parcel has left and cannot be taken apart.", "该包裹已发出，不能拆除。")
                : DomainException.NotFound("Shipment", "包裹");
        }

        // The parcel's units can be packed again.
        foreach (var line in lines)
        {
            await Counter(line.OrderId, line.LineNumber).ExecuteUpdateAsync(s => s.SetProperty(p => p.Packed, p => p.Packed - line.Quantity));
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
        SingleWarehouse([.. planned.Select(b => b.Select(l => (l, l.Quantity)).ToList())]);
        return planned;
    }

    private static void SingleWarehouse(List<List<(OrderLine Line, int Quantity)>> parcels)
    {
        if (parcels.Any(p => p.Select(i => i.Line.LocationId).Distinct().Count() > 1))
        {
            throw DomainException.Conflict("batch_spans_warehouses", "A parcel leaves from one warehouse; this batch holds lines from several.",
                "一个包裹只能从一个仓库发出，该批次包含多个仓库的商品。");
        }
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

    /// <summary>Merge and split take whole lines: a line with any unit already in a parcel is refused.</summary>
    private Task<List<Shipment>> PlanWholeLinesAsync(List<Order> orders, List<List<OrderLine>> parcels) =>
        PlanAsync(orders, [.. parcels.Select(p => p.Select(l => (l, l.Quantity)).ToList())], (_, _) => Task.FromResult(DomainException.Conflict("already_planned",
            "Some of these lines are already in a parcel; take that parcel apart first.", "部分商品已在其他包裹中，请先拆除该包裹。")));

    /// <summary>
    /// Counts the units into each line's <see cref="OrderLinePacking"/> — a conditional update per line, in key order so
    /// that concurrent plans lock the counters alike — and adds the parcels, all in one transaction.
    /// </summary>
    /// <param name="refusal">What to say when a line has fewer units left than asked.</param>
    private async Task<List<Shipment>> PlanAsync(List<Order> orders, List<List<(OrderLine Line, int Quantity)>> parcels,
        Func<OrderLine, int, Task<DomainException>> refusal)
    {
        var first = orders[0];
        var now = clock.GetUtcNow();
        var shipments = parcels.Select(items => new Shipment
        {
            Id = Guid.CreateVersion7(), MerchantId = first.MerchantId, ConsumerId = first.ConsumerId,
            LocationId = items[0].Line.LocationId ?? throw new InvalidOperationException("Shipping lines always hold stock at a location."),
            RecipientName = first.RecipientName ?? "", RecipientPhone = first.RecipientPhone ?? "", DeliveryAddress = first.DeliveryAddress ?? "",
            State = ShipmentState.Open, CreatedAt = now,
            Lines = [.. items.Select(i => new ShipmentLine { OrderId = i.Line.OrderId, LineNumber = i.Line.LineNumber, Quantity = i.Quantity })],
        }).ToList();
        var perLine = parcels.SelectMany(p => p).GroupBy(i => i.Line).Select(g => (Line: g.Key, Quantity: g.Sum(i => i.Quantity)))
            .OrderBy(i => i.Line.OrderId).ThenBy(i => i.Line.LineNumber).ToList();
        await EnsureCountersAsync(perLine.Select(i => i.Line));

        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (line, quantity) in perLine)
        {
            var counted = await Counter(line.OrderId, line.LineNumber).Where(p => p.Packed + quantity <= p.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Packed, p => p.Packed + quantity));
            if (counted == 0)
            {
                throw await refusal(line, quantity);
            }
        }

        db.Shipments.AddRange(shipments);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return shipments;
    }

    /// <summary>Creates the missing counters (nothing packed) before the transaction; a concurrent creator winning the insert is fine.</summary>
    private async Task EnsureCountersAsync(IEnumerable<OrderLine> lines)
    {
        foreach (var line in lines)
        {
            if (await Counter(line.OrderId, line.LineNumber).AnyAsync())
            {
                continue;
            }

            try
            {
                db.Add(new OrderLinePacking { OrderId = line.OrderId, LineNumber = line.LineNumber, Quantity = line.Quantity });
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<DomainException> OverPackedAsync(OrderLine line, int quantity)
    {
        var left = await Counter(line.OrderId, line.LineNumber).Select(p => p.Quantity - p.Packed).SingleAsync();
        return DomainException.Conflict("over_packed", $"Line {line.LineNumber} ({line.Title}) has {left} unit(s) left to pack; {quantity} asked.",
            $"第 {line.LineNumber} 行（{line.Title}）只剩 {left} 件未打包，本次要打包 {quantity} 件。");
    }

    private IQueryable<OrderLinePacking> Counter(Guid orderId, int lineNumber) =>
        db.Set<OrderLinePacking>().Where(p => p.OrderId == orderId && p.LineNumber == lineNumber);

    private static (string, string, string) Address(Order o) =>
        ((o.RecipientName ?? "").Trim(), new string((o.RecipientPhone ?? "").Where(char.IsAsciiDigit).ToArray()), (o.DeliveryAddress ?? "").Trim());
}
