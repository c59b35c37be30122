using LocalLoop.Payments;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>Reads for the order page: is a gateway payment of this order started and not yet confirmed?</summary>
public sealed class OrderPayments(AppDbContext db)
{
    /// <summary>The order's own gateway payment waits for the gateway.</summary>
    public Task<bool> GatewayPendingAsync(Guid orderId) =>
        db.Payments.AnyAsync(p => p.OrderId == orderId && p.Method == PaymentMethod.SandboxGateway && p.State == PaymentState.Pending);

    /// <summary>A payment of the order's whole checkout (decision 0029) that includes this order waits for the gateway.</summary>
    public async Task<bool> CheckoutGatewayPendingAsync(Order order)
    {
        if (order.CheckoutId is not { } checkoutId)
        {
            return false;
        }

        var id = order.Id.ToString();
        return await db.Set<CheckoutPayment>().AnyAsync(p => p.CheckoutId == checkoutId && p.State == CheckoutPaymentState.Pending && p.OrderIds.Contains(id));
    }
}
