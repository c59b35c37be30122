namespace LocalLoop.Ordering;

/// <summary>How the order pages show a state and a kind: the text keys (<see cref="OrderPagesText"/>) and the badge colour.</summary>
public static class OrderBadges
{
    public static string StateKey(OrderState state) => "orderpages.state." + state;

    public static string StateKey(string state) => "orderpages.state." + state;

    public static string KindKey(OrderKind kind) => "orderpages.kind." + kind;

    public static string KindKey(string kind) => "orderpages.kind." + kind;

    public static string Badge(OrderState state) => state switch
    {
        OrderState.PendingPayment => "badge-warning",
        OrderState.Cancelled => "badge-muted",
        OrderState.Completed or OrderState.Paid => "badge-success",
        _ => "",
    };

    public static string Badge(string state) => Enum.TryParse<OrderState>(state, out var parsed) ? Badge(parsed) : "badge-muted";

    /// <summary>
    /// The steps an order of this kind goes through when nothing goes wrong, read from <see cref="OrderStateMachine"/>:
    /// from the first state, always the first next state that is not a cancellation (cash on delivery starts after payment).
    /// </summary>
    public static List<OrderState> HappyPath(OrderKind kind, bool cashOnDelivery)
    {
        var path = new List<OrderState> { cashOnDelivery ? OrderState.PayOnDelivery : OrderState.PendingPayment };
        while (OrderStateMachine.Next(kind, path[^1]).Where(s => s != OrderState.Cancelled && !path.Contains(s)).Select(s => (OrderState?)s).FirstOrDefault() is { } next)
        {
            path.Add(next);
        }

        return path;
    }
}
