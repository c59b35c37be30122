using LocalLoop.Catalog;
using LocalLoop.Inventory;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>How the consumer wants goods: sent by express (default), delivered in the city, or collected at the store.</summary>
public enum Fulfilment
{
    Shipping,
    SameCity,
    Pickup,
}

/// <param name="Fulfilment">shipping (the default), sameCity or pickup: how goods reach the consumer.</param>
/// <param name="Items">What to buy; null buys the whole cart (and empties it).</param>
/// <param name="StoreIds">The store of each merchant that serves pickup and takeout; a merchant without one here uses its first store.</param>
/// <param name="PayFromWallet">Pay every order from the wallet as it is placed (one request, one transaction); the orders come back Paid.</param>
public sealed record CheckoutRequest(string? Fulfilment, List<CartItemRequest>? Items, List<Guid>? StoreIds,
    string? RecipientName, string? RecipientPhone, string? Address, bool CashOnDelivery, bool PayFromWallet = false);

public sealed record CheckoutResult(Guid CheckoutId, long TotalFen, List<OrderView> Orders);

/// <summary>
/// Turns a cart into orders: one per merchant (and per kind, when a merchant's items are fulfilled differently), each
/// line with its price, discount and commission rate snapshotted, and each line's stock held — all orders or none,
/// in one transaction, so a checkout that cannot be served whole changes nothing. Optionally paid from the wallet in
/// the same transaction.
/// </summary>
public sealed class CartCheckout(AppDbContext db, SellableSkus sellable, StockReservations reservations, StockLedger stock, SoldOutMarks soldOut, StockRowGates gates,
    CheckoutBatches batches, WalletAtCheckout wallet, Cart cart, TimeProvider clock)
{
    public const int MaxLines = Cart.MaxLines;

    private static readonly OrderKind[] Addressed = [OrderKind.Shipping, OrderKind.SameCityDelivery, OrderKind.TakeoutDelivery, OrderKind.HomeService];
    private static readonly OrderKind[] CashOnDeliveryKinds = [OrderKind.Shipping, OrderKind.SameCityDelivery, OrderKind.TakeoutDelivery];
    private static readonly OrderKind[] StoreServed = [OrderKind.Pickup, OrderKind.TakeoutDelivery];

    public async Task<CheckoutResult> PlaceAsync(Guid consumerId, CheckoutRequest request, OrderChannel channel)
    {
        var checkout = await PrepareAsync(consumerId, request, channel);
        var key = checkout.Holds.Count == 1 ? checkout.Holds[0].Key : (StockKey?)null;
        // Batches on PostgreSQL only: SQLite has one writer at a time anyway. Not for staff in a merchant console: the
        // batch is written with its writer's tenant filters.
        if (key is null || !db.Database.IsNpgsql() || db.CurrentUser?.ConsoleMerchantId is not null)
        {
            return await WriteAloneAsync(checkout);
        }

        var member = new CheckoutBatches.Member(checkout);
        if ((batches.Join(key.Value, member) ?? await member.Turn) is { } batch)
        {
            try
            {
                await WriteBatchAsync(batch);
            }
            finally
            {
                batches.HandOver(key.Value);
            }
        }

        return member.Result ?? (member.RetryAlone ? await WriteAloneAsync(await PrepareAsync(consumerId, request, channel)) : throw member.Error!);
    }

    /// <summary>A checkout read, validated, priced and planned, before any transaction; its orders not yet tracked.</summary>
    public sealed record PreparedCheckout(Guid ConsumerId, CheckoutRequest Request, List<CartItemRequest> Items, bool FromCart, Guid CheckoutId,
        List<Order> Orders, Dictionary<OrderLine, List<Guid>> Candidates)
    {
        public List<(Order Order, OrderLine Line, StockKey Key)> Holds { get; } =
            [.. Orders.SelectMany(o => o.Lines.Where(l => l.LocationId is not null).Select(line => (o, line, StockKeyOf(o, line, line.LocationId!.Value))))];

        public CheckoutResult Result => new(CheckoutId, Orders.Sum(o => o.TotalFen), [.. Orders.Select(OrderView.From)]);
    }

    private async Task<PreparedCheckout> PrepareAsync(Guid consumerId, CheckoutRequest request, OrderChannel channel)
    {
        var fromCart = request.Items is null;
        var items = Merge(request.Items ?? await cart.ItemsAsync(consumerId));
        if (soldOut.FirstMarked(items.Select(i => i.SkuId)) is { } gone)
        {
            throw SoldOut(gone);
        }

        var skus = await sellable.FindAsync(items.Select(i => i.SkuId));
        var groups = Group(items, skus, ParseFulfilment(request.Fulfilment));
        Validate(request, groups);

        var now = clock.GetUtcNow();
        var checkoutId = Guid.CreateVersion7();
        var orders = new List<Order>();
        foreach (var group in groups)
        {
            var storeId = StoreServed.Contains(group.Kind) ? await StoreOfAsync(group.MerchantId, request.StoreIds) : (Guid?)null;
            orders.Add(NewOrder(consumerId, checkoutId, channel, group, storeId, request, now));
        }

        // Read before the transaction: a sold-out item is refused without one, which matters in a flash sale.
        var candidates = new Dictionary<OrderLine, List<Guid>>();
        foreach (var order in orders)
        {
            await PlanStockAsync(order, skus, candidates);
        }

        return new PreparedCheckout(consumerId, request, items, fromCart, checkoutId, orders, candidates);
    }

    /// <summary>
    /// One checkout in its own transaction. One batch of inserts, then the stock: the stock level's row stays locked
    /// only from its conditional update to the commit, so concurrent buyers of one SKU wait for each other as briefly
    /// as possible. Nothing here retries a failed save inside the transaction, so EF's savepoint around each save (two
    /// more round trips) is not needed.
    /// </summary>
    private async Task<CheckoutResult> WriteAloneAsync(PreparedCheckout checkout)
    {
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Orders.AddRange(checkout.Orders);
        var reservations = checkout.Holds.Select(h => Reserve(h.Order, h.Line)).ToList();
        if (checkout.Request.PayFromWallet)
        {
            await wallet.PayAsync(checkout.ConsumerId, checkout.Orders);
        }

        await db.SaveChangesAsync();
        await EmptyCartAsync(checkout);
        using (await gates.EnterAsync(checkout.Holds.Select(h => h.Key)))
        {
            foreach (var ((order, line, _), reservation) in checkout.Holds.Zip(reservations))
            {
                // Tracked: when it held elsewhere, the final save moves the line and its reservation there.
                reservation.LocationId = await HoldAsync(order, line, checkout.Candidates[line]);
            }

            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync();
            }

            await transaction.CommitAsync();
        }

        return checkout.Result;
    }

    /// <summary>
    /// Checkouts of one stock row in one transaction (<see cref="CheckoutBatches"/>). The conditional updates come
    /// first, member by member: the wallets in consumer order (as any checkout locks a wallet before stock), then the
    /// row. A member refused by either leaves the batch with its own error, a debit already made given back within the
    /// transaction; the others' orders are then inserted in one batch and committed together. If the batch fails as
    /// a whole, each member places its checkout again on its own.
    /// </summary>
    private async Task WriteBatchAsync(List<CheckoutBatches.Member> batch)
    {
        try
        {
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var accepted = new List<(CheckoutBatches.Member Member, PreparedCheckout Checkout)>();
            foreach (var member in batch.OrderBy(m => m.Work.ConsumerId))
            {
                var checkout = member.Work;
                try
                {
                    if (checkout.Request.PayFromWallet)
                    {
                        await wallet.DebitAsync(checkout.ConsumerId, checkout.Orders);
                    }

                    accepted.Add((member, checkout));
                }
                catch (DomainException refused)
                {
                    member.Error = refused;
                }
            }

            foreach (var (member, checkout) in accepted.ToList())
            {
                var (order, line, _) = checkout.Holds[0];
                try
                {
                    await HoldAsync(order, line, checkout.Candidates[line]);
                }
                catch (DomainException refused)
                {
                    if (checkout.Request.PayFromWallet)
                    {
                        await wallet.ReturnDebitAsync(checkout.ConsumerId, checkout.Orders);
                    }

                    member.Error = refused;
                    accepted.Remove((member, checkout));
                }
            }

            foreach (var (_, checkout) in accepted)
            {
                db.Orders.AddRange(checkout.Orders);
                Reserve(checkout.Holds[0].Order, checkout.Holds[0].Line);
                if (checkout.Request.PayFromWallet)
                {
                    wallet.Record(checkout.ConsumerId, checkout.Orders);
                }

                await EmptyCartAsync(checkout);
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            foreach (var (member, checkout) in accepted)
            {
                member.Result = checkout.Result;
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            db.ChangeTracker.Clear();
            foreach (var member in batch)
            {
                (member.Result, member.Error, member.RetryAlone) = (null, null, true);
            }
        }
        finally
        {
            foreach (var member in batch.Skip(1))
            {
                member.Done();
            }
        }
    }

    private StockReservation Reserve(Order order, OrderLine line) =>
        reservations.AddHeld(StockKeyOf(order, line, line.LocationId!.Value), line.Quantity, OrderLine.ReservationReference(order.Id, line.LineNumber));

    private async Task EmptyCartAsync(PreparedCheckout checkout)
    {
        if (checkout.FromCart)
        {
            var bought = checkout.Items.Select(i => i.SkuId).ToList();
            await db.CartItems.Where(i => i.ConsumerId == checkout.ConsumerId && bought.Contains(i.SkuId)).ExecuteDeleteAsync();
        }
    }

    private static Fulfilment ParseFulfilment(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Fulfilment.Shipping
        : Enum.TryParse<Fulfilment>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw Validation.Single("fulfilment", "Fulfilment must be shipping, sameCity or pickup.", "配送方式须为快递、同城配送或到店自提。");

    private sealed record LineGroup(Guid MerchantId, OrderKind Kind, List<(CartItemRequest Item, SellableSku Sku)> Lines);

    private static List<CartItemRequest> Merge(List<CartItemRequest> items) =>
        [.. items.GroupBy(i => (i.ProductId, i.SkuId)).Select(g => new CartItemRequest(g.Key.ProductId, g.Key.SkuId, g.Sum(i => i.Quantity)))];

    private static List<LineGroup> Group(List<CartItemRequest> items, Dictionary<Guid, SellableSku> skus, Fulfilment fulfilment)
    {
        var errors = new Validation();
        errors.Check("items", items.Count is > 0 and <= MaxLines, $"Choose 1 to {MaxLines} items.", $"请选择 1 到 {MaxLines} 种商品。");
        errors.Check("items", items.All(i => i.Quantity is >= 1 and <= Checkout.MaxQuantity),
            $"Each quantity must be 1 to {Checkout.MaxQuantity}.", $"每种商品的数量须在 1 到 {Checkout.MaxQuantity} 之间。");
        errors.ThrowIfAny();
        if (items.Any(i => !skus.TryGetValue(i.SkuId, out var sku) || sku.ProductId != i.ProductId))
        {
            throw DomainException.Conflict("item_unavailable", "An item in your cart is no longer on sale; remove it and check out again.",
                "购物车中有商品已下架或不存在，请移除后重新结算。");
        }

        return [.. items.Select(i => (Item: i, Sku: skus[i.SkuId]))
            .GroupBy(l => (l.Sku.MerchantId, Kind: KindOf(l.Sku, fulfilment)))
            .Select(g => new LineGroup(g.Key.MerchantId, g.Key.Kind, [.. g]))];
    }

    /// <summary>The order kind follows from what is bought and how the consumer wants goods.</summary>
    private static OrderKind KindOf(SellableSku sku, Fulfilment fulfilment) => (sku.Kind, fulfilment) switch
    {
        (ProductKind.Goods, Fulfilment.Pickup) or (ProductKind.TakeoutDish, Fulfilment.Pickup) => OrderKind.Pickup,
        (ProductKind.Goods, Fulfilment.SameCity) => OrderKind.SameCityDelivery,
        (ProductKind.Goods, _) => OrderKind.Shipping,
        (ProductKind.TakeoutDish, _) => OrderKind.TakeoutDelivery,
        (ProductKind.BookableService, _) => OrderKind.Reservation,
        (ProductKind.HomeService, _) => OrderKind.HomeService,
        _ => throw DomainException.Conflict("sold_as_deal", $"{sku.Title} is sold as a group-buy deal; buy it on the deal's page.",
            $"{sku.Title} 为团购商品，请在团购页购买。"),
    };

    private static void Validate(CheckoutRequest request, List<LineGroup> groups)
    {
        var errors = new Validation();
        if (groups.Any(g => Addressed.Contains(g.Kind)))
        {
            errors.Required("recipientName", request.RecipientName, 50, "Recipient", "收货人");
            errors.Phone("recipientPhone", request.RecipientPhone);
            errors.Required("address", request.Address, 200, "Address", "地址");
        }

        errors.Check("payFromWallet", !(request.PayFromWallet && request.CashOnDelivery), "Choose either cash on delivery or paying from the wallet.",
            "货到付款与余额支付只能选择一种。");
        errors.ThrowIfAny();
        if (request.CashOnDelivery && groups.Any(g => !CashOnDeliveryKinds.Contains(g.Kind) || !g.Lines[0].Sku.AllowsCashOnDelivery))
        {
            throw DomainException.Conflict("cash_on_delivery_unavailable", "Cash on delivery is only for delivered or shipped orders of merchants that accept it.",
                "货到付款仅适用于支持货到付款的商家的配送或快递订单。");
        }
    }

    private async Task<Guid> StoreOfAsync(Guid merchantId, List<Guid>? chosen)
    {
        var stores = await db.Stores.AsNoTracking().Where(s => s.MerchantId == merchantId).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync();
        return stores.FirstOrDefault(s => chosen?.Contains(s) == true) is { } picked && picked != Guid.Empty ? picked
            : stores.Count > 0 ? stores[0]
            : throw DomainException.Conflict("no_store", "This merchant has no store to serve pickup or takeout.", "该商家没有可自提或外卖出餐的门店。");
    }

    private static Order NewOrder(Guid consumerId, Guid checkoutId, OrderChannel channel, LineGroup group, Guid? storeId, CheckoutRequest request, DateTimeOffset now)
    {
        var orderId = Guid.CreateVersion7();
        var rate = group.Lines[0].Sku.CommissionRateBasisPoints;
        var lines = group.Lines.Select((l, index) => new OrderLine
        {
            OrderId = orderId,
            LineNumber = index + 1,
            ProductId = l.Sku.ProductId,
            SkuId = l.Sku.SkuId,
            Title = l.Sku.Title,
            Spec = l.Sku.Spec,
            Quantity = l.Item.Quantity,
            UnitPriceFen = l.Sku.PriceFen,
            AmountFen = (new Money(l.Sku.PriceFen) * l.Item.Quantity).Fen,
            CommissionRateBasisPoints = rate,
        }).ToList();
        var addressed = Addressed.Contains(group.Kind);
        return new Order
        {
            Id = orderId,
            ConsumerId = consumerId,
            MerchantId = group.MerchantId,
            Kind = group.Kind,
            Channel = channel,
            CheckoutId = checkoutId,
            DealTitle = Summary(lines),
            Quantity = lines.Sum(l => l.Quantity),
            TotalFen = lines.Sum(l => l.AmountFen),
            CommissionRateBasisPoints = rate,
            State = request.CashOnDelivery ? OrderState.PayOnDelivery : OrderState.PendingPayment,
            CashOnDelivery = request.CashOnDelivery,
            StoreId = storeId,
            RecipientName = addressed ? request.RecipientName!.Trim() : null,
            RecipientPhone = addressed ? request.RecipientPhone!.Trim() : null,
            DeliveryAddress = addressed ? request.Address!.Trim() : null,
            CreatedAt = now,
            Lines = lines,
        };
    }

    /// <summary>"Title" or "Title 等3件": what lists, notifications and the gateway's cashier show for the order.</summary>
    public static string Summary(IReadOnlyList<OrderLine> lines)
    {
        var first = lines[0].Title.Length > 80 ? lines[0].Title[..80] : lines[0].Title;
        return lines.Count == 1 ? first : $"{first} 等{lines.Count}件";
    }

    /// <summary>
    /// Prices the lines at the serving store and chooses where each line's stock comes from: store-served orders from
    /// their store; the others from the merchant's warehouses (shipping ones first), then stores. Goods always need
    /// stock; a dish or service whose stock is tracked nowhere is sold without holding.
    /// </summary>
    private async Task PlanStockAsync(Order order, Dictionary<Guid, SellableSku> skus, Dictionary<OrderLine, List<Guid>> candidates)
    {
        var storePrices = order.StoreId is { } store ? await sellable.StorePricesAsync(store, order.Lines.Select(l => l.SkuId)) : [];
        foreach (var line in order.Lines)
        {
            if (storePrices.TryGetValue(line.SkuId, out var storePrice))
            {
                line.UnitPriceFen = storePrice;
                line.AmountFen = (new Money(storePrice) * line.Quantity).Fen;
            }

            var stock = skus[line.SkuId].Stock;
            if (stock.Count == 0 && skus[line.SkuId].Kind != ProductKind.Goods)
            {
                continue;
            }

            if (stock.All(c => c.Available <= 0))
            {
                soldOut.Mark(line.SkuId, Label(line));
            }

            var enough = stock.Where(c => (order.StoreId is null || c.LocationId == order.StoreId) && c.Available >= line.Quantity)
                .Select(c => c.LocationId).ToList();
            line.LocationId = enough.Count > 0 ? enough[0] : throw OutOfStock(line);
            candidates[line] = enough;
        }

        order.TotalFen = order.Lines.Sum(l => l.AmountFen);
    }

    /// <summary>Holds at the planned location, or at the next one with enough if it sold out since we looked; the line follows.</summary>
    private async Task<Guid> HoldAsync(Order order, OrderLine line, List<Guid> candidates)
    {
        foreach (var locationId in candidates)
        {
            try
            {
                await stock.HoldAsync(StockKeyOf(order, line, locationId), line.Quantity);
            }
            catch (DomainException)
            {
                // The conditional update held nothing here: sold to someone else since we looked.
                continue;
            }

            line.LocationId = locationId;
            return locationId;
        }

        throw OutOfStock(line);
    }

    private static StockKey StockKeyOf(Order order, OrderLine line, Guid locationId) => new(order.MerchantId, locationId, line.ProductId, line.SkuId);

    private static string Label(OrderLine line) => $"{line.Title} {line.Spec}".Trim();

    private static DomainException OutOfStock(OrderLine line) =>
        DomainException.Conflict("out_of_stock", $"{Label(line)}: fewer than {line.Quantity} in stock.",
            $"{Label(line)} 库存不足 {line.Quantity} 件，请减少数量或稍后再试。");

    private static DomainException SoldOut(string label) =>
        DomainException.Conflict("out_of_stock", $"{label}: sold out.", $"{label} 已售罄，请稍后再试。");
}
