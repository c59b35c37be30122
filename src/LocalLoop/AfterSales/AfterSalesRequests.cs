using LocalLoop.Inventory;
using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace LocalLoop.AfterSales;

public sealed record AfterSalesInput(int LineNumber, string? Kind, int Quantity, string? Reason, string? PhotoUrl);

public sealed record NoteInput(string? Note);

public sealed record TrackingInput(string? TrackingNumber);

public sealed record RulingInput(bool ForConsumer, string? Note);

public sealed record AfterSalesView(Guid Id, Guid OrderId, int LineNumber, string Title, string Spec, string Kind, int Quantity, string State,
    string Reason, string? PhotoUrl, string? MerchantNote, string? ReturnTrackingNumber, string? DisputeReason, string? OperatorNote,
    long RefundedFen, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record AfterSalesProgressed(Guid NotifyUser, Guid RequestId, string Title, AfterSalesState State) : IDomainEvent
{
    public Guid? NotifyUserId => NotifyUser;
    public string NotificationTitle => "售后进度 / After-sales update";
    public string NotificationBody => $"{Title}：{AfterSalesStateMachine.Chinese(State)} / {Title}: {State}.";
}

/// <summary>
/// Return and exchange of goods: the consumer asks, the merchant approves or rejects, the consumer sends the goods back
/// with a tracking number, the merchant confirms receipt — then the goods go back into stock and the money follows
/// (a return) or a replacement leaves stock (an exchange). A rejection may be disputed; the operator rules. Every step
/// is one conditional state change (<see cref="AfterSalesStateMachine"/>), so two clicks never both win.
/// </summary>
public sealed class AfterSalesRequests(AppDbContext db, OrderRefunds refunds, StockLedger stock, OutboxWriter outbox, TimeProvider clock)
{
    private static readonly OrderKind[] GoodsKinds = [OrderKind.Shipping, OrderKind.SameCityDelivery, OrderKind.Pickup];
    private static readonly OrderState[] ReceivedStates = [OrderState.Dispatched, OrderState.Completed];

    public async Task<AfterSalesView> RequestAsync(Guid consumerId, Guid orderId, AfterSalesInput input)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId && o.ConsumerId == consumerId)
            ?? throw DomainException.NotFound("Order", "订单");
        var check = new Validation();
        check.Check("kind", Enum.TryParse<AfterSalesKind>(input.Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(input.Kind, out _),
            "Say whether you want a return or an exchange.", "请选择退货退款或换货。");
        check.Required("reason", input.Reason, 500, "Reason", "原因");
        check.Check("photoUrl", input.PhotoUrl is null || (input.PhotoUrl.StartsWith("/files/", StringComparison.Ordinal) && input.PhotoUrl.Length <= 500),
            "The photo must be one you uploaded.", "照片必须是已上传的图片。");
        var line = order.Lines.SingleOrDefault(l => l.LineNumber == input.LineNumber);
        check.Check("lineNumber", line is not null, "The order has no such line.", "订单中没有该商品行。");
        check.ThrowIfAny();

        if (!GoodsKinds.Contains(order.Kind) || !ReceivedStates.Contains(order.State))
        {
            throw DomainException.Conflict("not_after_sales_eligible", "Returns and exchanges are for goods that were sent or received.",
                "只有已发货或已完成的商品订单可以申请退换货。");
        }

        if (kind == AfterSalesKind.Return && order.CashOnDelivery)
        {
            throw DomainException.Conflict("not_after_sales_eligible", "This order was paid in cash on delivery: ask the merchant for an exchange or a cash refund.",
                "该订单为货到付款，请申请换货或联系商家退还现金。");
        }

        if (input.Quantity < 1 || input.Quantity > line!.Quantity)
        {
            throw Validation.Single("quantity", $"You can ask for 1 to {line!.Quantity} units of this line.", $"该商品最多可申请 {line.Quantity} 件。");
        }

        var now = clock.GetUtcNow();
        var request = new AfterSalesRequest
        {
            Id = Guid.CreateVersion7(),
            OrderId = orderId,
            MerchantId = order.MerchantId,
            ConsumerId = consumerId,
            LineNumber = line.LineNumber,
            Kind = kind,
            Quantity = input.Quantity,
            State = AfterSalesState.Requested,
            Reason = input.Reason!.Trim(),
            PhotoUrl = input.PhotoUrl,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        await TakeUnitsAsync(request);
        db.AfterSalesRequests.Add(request);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return View(request, line);
    }

    /// <summary>
    /// Counts the request's units against its line by one conditional update, within the caller's transaction: of two
    /// requests for the last unit, one wins and the other is refused (decision 0033).
    /// </summary>
    private async Task TakeUnitsAsync(AfterSalesRequest request)
    {
        if (await Line(request).Where(l => l.AfterSalesQuantity + request.Quantity <= l.Quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.AfterSalesQuantity, l => l.AfterSalesQuantity + request.Quantity)) == 0)
        {
            var left = await Line(request).Select(l => l.Quantity - l.AfterSalesQuantity).SingleAsync();
            throw DomainException.Conflict("after_sales_quantity_taken",
                $"Other returns or exchanges of this line already cover those units: {left} can still be asked for.",
                $"该商品的其他退换货申请已占用这些件数，目前还能申请 {left} 件。");
        }
    }

    /// <summary>A rejected or closed request no longer counts: its units may be asked for again.</summary>
    private Task ReleaseUnitsAsync(AfterSalesRequest request) =>
        Line(request).ExecuteUpdateAsync(s => s.SetProperty(l => l.AfterSalesQuantity, l => l.AfterSalesQuantity - request.Quantity));

    private IQueryable<OrderLine> Line(AfterSalesRequest request) =>
        db.Set<OrderLine>().Where(l => l.OrderId == request.OrderId && l.LineNumber == request.LineNumber);

    public async Task<AfterSalesView> ApproveAsync(Guid merchantId, Guid id) =>
        await MoveAsync(await OfMerchantAsync(merchantId, id), AfterSalesState.Approved, _ => { });

    public async Task<AfterSalesView> RejectAsync(Guid merchantId, Guid id, string? note)
    {
        var request = await OfMerchantAsync(merchantId, id);
        var text = Required(note, "Reason", "拒绝原因");
        return await MoveAsync(request, AfterSalesState.Rejected, s => s.SetProperty(r => r.MerchantNote, text), ReleaseUnitsAsync);
    }

    public async Task<AfterSalesView> ShipBackAsync(Guid consumerId, Guid id, string? trackingNumber)
    {
        var request = await OfConsumerAsync(consumerId, id);
        var text = Required(trackingNumber, "Tracking number", "退货快递单号", 64);
        return await MoveAsync(request, AfterSalesState.ReturnShipped, s => s.SetProperty(r => r.ReturnTrackingNumber, text));
    }

    public async Task<AfterSalesView> DisputeAsync(Guid consumerId, Guid id, string? reason)
    {
        var request = await OfConsumerAsync(consumerId, id);
        var text = Required(reason, "Reason", "申诉理由");
        // A rejection gave its units back; the dispute needs them again, unless a newer request has taken them meanwhile.
        return await MoveAsync(request, AfterSalesState.Disputed, s => s.SetProperty(r => r.DisputeReason, text), TakeUnitsAsync);
    }

    /// <summary>The operator's ruling: for the consumer the request becomes approved (goods back, then money); for the merchant it closes.</summary>
    public async Task<AfterSalesView> RuleAsync(Guid id, RulingInput input)
    {
        var request = await db.AfterSalesRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id) ?? throw DomainException.NotFound("After-sales request", "售后申请");
        var text = Required(input.Note, "Ruling", "裁决说明");
        if (request.State != AfterSalesState.Disputed)
        {
            throw DomainException.Conflict("not_disputed", "Only a disputed request can be ruled on.", "只有平台介入中的申请可以裁决。");
        }

        return input.ForConsumer
            ? await MoveAsync(request, AfterSalesState.Approved, s => s.SetProperty(r => r.OperatorNote, text))
            : await MoveAsync(request, AfterSalesState.Closed, s => s.SetProperty(r => r.OperatorNote, text), ReleaseUnitsAsync);
    }

    /// <summary>
    /// The merchant has the goods back: they go into stock at the line's location (journalled as a customer return), and
    /// in the same transaction the return's refund is issued, or the exchange's replacement leaves stock.
    /// </summary>
    public async Task<AfterSalesView> ConfirmReceivedAsync(Guid merchantId, Guid id, HttpRequest? current)
    {
        var request = await OfMerchantAsync(merchantId, id);
        AfterSalesStateMachine.EnsureCanMove(request.State, AfterSalesState.Completed);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).SingleAsync(o => o.Id == request.OrderId);
        var line = order.Lines.Single(l => l.LineNumber == request.LineNumber);
        var reference = $"aftersales:{request.Id:N}";

        await using var transaction = await db.Database.BeginTransactionAsync();
        await MoveWithinAsync(request, AfterSalesState.Completed, _ => { });
        if (line.LocationId is { } location)
        {
            var key = new StockKey(order.MerchantId, location, line.ProductId, line.SkuId);
            await stock.MoveAsync(key, request.Quantity, MovementKind.CustomerReturn, reference, request.Reason);
            if (request.Kind == AfterSalesKind.Exchange)
            {
                await stock.MoveAsync(key, -request.Quantity, MovementKind.SalesOut, reference, "换货发出 / replacement");
            }
        }

        List<Payments.Refund> issued = [];
        if (request.Kind == AfterSalesKind.Return)
        {
            var amount = await ReturnAmountAsync(request, line);
            if (amount > 0)
            {
                issued = await refunds.IssueWithinAsync(order, [(line.LineNumber, amount)], OrderRefunds.RefundableStates);
                await db.AfterSalesRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RefundedFen, amount));
            }
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await refunds.SendAsync(order.Id, issued, current);
        return await ViewAsync(request.Id);
    }

    /// <summary>
    /// Returned units are worth their share of the line, counted cumulatively so all units together give back exactly the
    /// line's amount; never more than the line has left (the merchant may have refunded part of it already).
    /// </summary>
    private async Task<long> ReturnAmountAsync(AfterSalesRequest request, OrderLine line)
    {
        var returnedBefore = await db.AfterSalesRequests.Where(r => r.OrderId == request.OrderId && r.LineNumber == request.LineNumber && r.Id != request.Id
            && r.Kind == AfterSalesKind.Return && r.State == AfterSalesState.Completed).SumAsync(r => r.Quantity);
        var share = OrderRefunds.ShareOfUnits(line, returnedBefore + request.Quantity) - OrderRefunds.ShareOfUnits(line, returnedBefore);
        var left = await db.Set<OrderLine>().Where(l => l.OrderId == line.OrderId && l.LineNumber == line.LineNumber).Select(l => l.AmountFen - l.RefundedFen).SingleAsync();
        return Math.Min(share, left);
    }

    /// <summary>One state change, with what it does to the line's after-sales count (<paramref name="units"/>) in the same transaction.</summary>
    private async Task<AfterSalesView> MoveAsync(AfterSalesRequest request, AfterSalesState to, Action<UpdateSettersBuilder<AfterSalesRequest>> also,
        Func<AfterSalesRequest, Task>? units = null)
    {
        AfterSalesStateMachine.EnsureCanMove(request.State, to);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await MoveWithinAsync(request, to, also);
        if (units is not null)
        {
            await units(request);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await ViewAsync(request.Id);
    }

    private async Task MoveWithinAsync(AfterSalesRequest request, AfterSalesState to, Action<UpdateSettersBuilder<AfterSalesRequest>> also)
    {
        var now = clock.GetUtcNow();
        var moved = await db.AfterSalesRequests.IgnoreQueryFilters().Where(r => r.Id == request.Id && r.State == request.State)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(r => r.State, to).SetProperty(r => r.UpdatedAt, now);
                also(s);
            });
        if (moved == 0)
        {
            var current = await db.AfterSalesRequests.IgnoreQueryFilters().Where(r => r.Id == request.Id).Select(r => r.State).SingleAsync();
            throw DomainException.Conflict("after_sales_state_changed", $"This request is now {current}; refresh and try again.",
                $"该售后申请已变为“{AfterSalesStateMachine.Chinese(current)}”，请刷新后再试。");
        }

        var title = await db.Orders.IgnoreQueryFilters().Where(o => o.Id == request.OrderId).Select(o => o.DealTitle).SingleAsync();
        outbox.Add(new AfterSalesProgressed(request.ConsumerId, request.Id, title, to));
    }

    private static string Required(string? value, string label, string labelZh, int maxLength = 500)
    {
        var check = new Validation();
        check.Required("note", value, maxLength, label, labelZh);
        check.ThrowIfAny();
        return value!.Trim();
    }

    private async Task<AfterSalesRequest> OfMerchantAsync(Guid merchantId, Guid id) =>
        await db.AfterSalesRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.MerchantId == merchantId)
        ?? throw DomainException.NotFound("After-sales request", "售后申请");

    private async Task<AfterSalesRequest> OfConsumerAsync(Guid consumerId, Guid id) =>
        await db.AfterSalesRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.ConsumerId == consumerId)
        ?? throw DomainException.NotFound("After-sales request", "售后申请");

    public async Task<AfterSalesView> ViewAsync(Guid id) => (await ListAsync(db.AfterSalesRequests.IgnoreQueryFilters().Where(r => r.Id == id))).Single();

    /// <summary>Requests with their line's title and spec, newest first.</summary>
    public async Task<List<AfterSalesView>> ListAsync(IQueryable<AfterSalesRequest> requests)
    {
        var rows = await (from r in requests.AsNoTracking()
                          join l in db.Set<OrderLine>() on new { r.OrderId, r.LineNumber } equals new { l.OrderId, l.LineNumber }
                          orderby r.CreatedAt descending
                          select new { Request = r, Line = l }).Take(200).ToListAsync();
        return [.. rows.Select(x => View(x.Request, x.Line))];
    }

    private static AfterSalesView View(AfterSalesRequest r, OrderLine line) => new(r.Id, r.OrderId, r.LineNumber, line.Title, line.Spec, r.Kind.ToString(), r.Quantity,
        r.State.ToString(), r.Reason, r.PhotoUrl, r.MerchantNote, r.ReturnTrackingNumber, r.DisputeReason, r.OperatorNote, r.RefundedFen, r.CreatedAt, r.UpdatedAt);
}
