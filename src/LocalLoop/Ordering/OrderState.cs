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

    public static bool CanMove(OrderState from, OrderState to) => Allowed[from].Contains(to);

    public static void EnsureCanMove(OrderState from, OrderState to)
    {
        if (!CanMove(from, to))
        {
            throw DomainException.Conflict("invalid_order_state", $"An order that is {from} cannot become {to}.");
        }
    }
}
