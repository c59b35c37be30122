using LocalLoop.Platform;

namespace LocalLoop.Ordering;

public enum OrderKind
{
    /// <summary>Prepaid vouchers of a deal, consumed in the shop; the vouchers carry the rest of the life.</summary>
    DealVoucher,

    /// <summary>Dishes delivered from the store's kitchen.</summary>
    TakeoutDelivery,

    /// <summary>Goods delivered within the city by courier.</summary>
    SameCityDelivery,

    /// <summary>Goods or dishes the consumer collects at the store.</summary>
    Pickup,

    /// <summary>Goods sent by express from a warehouse.</summary>
    Shipping,

    /// <summary>A bookable service the consumer comes in for.</summary>
    Reservation,

    /// <summary>A service done at the consumer's address.</summary>
    HomeService,
}

public enum OrderState
{
    PendingPayment,
    Paid,
    Cancelled,

    /// <summary>Cash on delivery: placed without online payment; the cash is collected when the order completes.</summary>
    PayOnDelivery,

    /// <summary>The merchant took the order on (接单).</summary>
    Accepted,

    /// <summary>Pickup: packed and waiting at the counter.</summary>
    ReadyForPickup,

    /// <summary>Handed to a courier or an express company.</summary>
    Dispatched,

    /// <summary>Home service: the worker is at the consumer's address.</summary>
    InService,

    /// <summary>Received, collected or served: the loop is closed and the merchant is paid.</summary>
    Completed,
}

/// <summary>The only place that says which order state may follow which, per order kind.</summary>
public static class OrderStateMachine
{
    private static readonly OrderState[] PaidLike = [OrderState.Paid, OrderState.PayOnDelivery];

    private static readonly Dictionary<OrderKind, Dictionary<OrderState, OrderState[]>> Allowed = new()
    {
        // Vouchers are issued on payment and live on by themselves (used, refunded, expired).
        [OrderKind.DealVoucher] = Table(paidOnwards: []),
        [OrderKind.TakeoutDelivery] = Delivered(),
        [OrderKind.SameCityDelivery] = Delivered(),
        [OrderKind.Pickup] = Table(
            paidOnwards: [OrderState.Accepted, OrderState.Cancelled],
            (OrderState.Accepted, [OrderState.ReadyForPickup, OrderState.Cancelled]),
            (OrderState.ReadyForPickup, [OrderState.Completed])),
        [OrderKind.Shipping] = Table(
            paidOnwards: [OrderState.Dispatched, OrderState.Cancelled],
            (OrderState.Dispatched, [OrderState.Completed])),
        [OrderKind.Reservation] = Table(
            paidOnwards: [OrderState.Accepted, OrderState.Cancelled],
            (OrderState.Accepted, [OrderState.Completed, OrderState.Cancelled])),
        [OrderKind.HomeService] = Table(
            paidOnwards: [OrderState.Accepted, OrderState.Cancelled],
            (OrderState.Accepted, [OrderState.InService, OrderState.Cancelled]),
            (OrderState.InService, [OrderState.Completed])),
    };

    private static Dictionary<OrderState, OrderState[]> Delivered() => Table(
        paidOnwards: [OrderState.Accepted, OrderState.Cancelled],
        (OrderState.Accepted, [OrderState.Dispatched, OrderState.Cancelled]),
        (OrderState.Dispatched, [OrderState.Completed]));

    /// <summary>Every kind starts the same way: unpaid → paid (or cash on delivery) or cancelled; what follows payment differs.</summary>
    private static Dictionary<OrderState, OrderState[]> Table(OrderState[] paidOnwards, params (OrderState From, OrderState[] To)[] later)
    {
        var table = Enum.GetValues<OrderState>().ToDictionary(s => s, _ => Array.Empty<OrderState>());
        table[OrderState.PendingPayment] = [OrderState.Paid, OrderState.Cancelled];
        foreach (var paid in PaidLike)
        {
            table[paid] = paidOnwards;
        }

        foreach (var (from, to) in later)
        {
            table[from] = to;
        }

        return table;
    }

    /// <summary>The state as a Chinese user reads it, for refusals.</summary>
    public static string Chinese(OrderState state) => state switch
    {
        OrderState.PendingPayment => "待支付",
        OrderState.Paid => "已支付",
        OrderState.Cancelled => "已取消",
        OrderState.PayOnDelivery => "货到付款",
        OrderState.Accepted => "已接单",
        OrderState.ReadyForPickup => "待取货",
        OrderState.Dispatched => "配送中",
        OrderState.InService => "服务中",
        OrderState.Completed => "已完成",
        _ => state.ToString(),
    };

    public static bool CanMove(OrderKind kind, OrderState from, OrderState to) => Allowed[kind][from].Contains(to);

    /// <summary>The states an order of this kind may move to from <paramref name="from"/>, for the pages' buttons.</summary>
    public static IReadOnlyList<OrderState> Next(OrderKind kind, OrderState from) => Allowed[kind][from];

    public static void EnsureCanMove(OrderKind kind, OrderState from, OrderState to)
    {
        if (!CanMove(kind, from, to))
        {
            throw DomainException.Conflict("invalid_order_state", $"An order that is {from} cannot become {to}.",
                $"订单状态不能从“{Chinese(from)}”变为“{Chinese(to)}”。");
        }
    }
}
