using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

/// <summary>Sends gateway refunds whose first call failed (gateway down, timeout). Safe to repeat: the gateway dedupes by refund number.</summary>
public sealed class RefundRetryJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RefundRetryJob> logger) : PeriodicJob(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var refunds = scope.ServiceProvider.GetRequiredService<VoucherRefunds>();
        var before = clock.GetUtcNow().AddSeconds(-10);
        var pending = await (from refund in db.Refunds
                             join payment in db.Payments on refund.PaymentId equals payment.Id
                             where refund.Method == PaymentMethod.SandboxGateway && refund.GatewayRefundId == null && refund.CreatedAt < before
                             orderby refund.CreatedAt
                             select new { refund.Id, payment.GatewayTransactionId, refund.AmountFen }).Take(20).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var item in pending)
        {
            if (await refunds.SendToGatewayAsync(item.Id, item.GatewayTransactionId!, item.AmountFen, current: null))
            {
                sent++;
            }
        }

        return sent;
    }
}
