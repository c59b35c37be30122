using LocalLoop.Platform;

namespace LocalLoop.Ordering;

public enum OrderState
{
    PendingPayment,
    Paid,
    Cancelled,
}

/// <summary>The only place that says which order state may follow which.</summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderState, OrderState[]> Allowed = new()
    {
        [OrderState.PendingPayment] = [OrderState.Paid, OrderState.Cancelled],
        [OrderState.Paid] = [],
        [OrderState.Cancelled] = [],
    };

    /// <summary>The state as a Chinese user reads it, for refusals.</summary>
    public static string Chinese(OrderState state) => state switch
    {
        OrderState.PendingPayment => "待支付",
        OrderState.Paid => "已支付",
        OrderState.Cancelled => "已取消",
        _ => state.ToString(),
    };

    public static bool CanMove(OrderState from, OrderState to) => Allowed[from].Contains(to);

    public static void EnsureCanMove(OrderState from, OrderState to)
    {
        if (!CanMove(from, to))
        {
            throw DomainException.Conflict("invalid_order_state", $"An order that is {from} cannot become {to}.",
                $"订单状态不能从“{Chinese(from)}”变为“{Chinese(to)}”。");
        }
    }
}
