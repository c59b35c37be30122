using LocalLoop.Payments;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>Read for the order page: is a gateway payment of this order started and not yet confirmed?</summary>
public sealed class OrderPayments(AppDbContext db)
{
    public Task<bool> GatewayPendingAsync(Guid orderId) =>
        db.Payments.AnyAsync(p => p.OrderId == orderId && p.Method == PaymentMethod.SandboxGateway && p.State == PaymentState.Pending);
}
