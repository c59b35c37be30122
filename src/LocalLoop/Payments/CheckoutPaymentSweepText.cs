using LocalLoop.Platform.Localization;

namespace LocalLoop.Payments;

/// <summary>Strings of the order page's hint for a pending checkout payment (decision 0033).</summary>
public sealed class CheckoutPaymentSweepText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("as2.order.checkoutPaymentPending", "本订单正与同一结算单的其他订单一起在线支付。", "This order is being paid online together with the other orders of its checkout."),
        ("as2.order.toCheckout", "查看结算单支付", "See the checkout's payment"),
    ];
}
