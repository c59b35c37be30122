using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Ordering;

public sealed class OrderOptions
{
    /// <summary>An order still unpaid this long after it was placed is cancelled.</summary>
    public int UnpaidCancelAfterMinutes { get; set; } = 15;

    public int UnpaidScanSeconds { get; set; } = 30;
}

/// <summary>
/// Cancels orders left unpaid for <see cref="OrderOptions.UnpaidCancelAfterMinutes"/>, through <see cref="OrderCancellation"/>
/// (gateway trade closed first). Every node runs it: the conditional PendingPayment → Cancelled lets one node win each
/// order; an order whose gateway trade turns out paid, or whose gateway cannot be reached, is left for the
/// notification or the next pass.
/// </summary>
public sealed class UnpaidOrderJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OrderOptions> options, ILogger<UnpaidOrderJob> logger)
    : PeriodicJob(logger)
{
    public const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.UnpaidScanSeconds);

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddMinutes(-options.Value.UnpaidCancelAfterMinutes);
        List<Order> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => o.State == OrderState.PendingPayment && o.CreatedAt <= cutoff)
                .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        var cancelled = 0;
        foreach (var order in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var scope = scopes.CreateScope();
                if (await scope.ServiceProvider.GetRequiredService<OrderCancellation>().CancelAsync(order, OrderCancelReason.NotPaidInTime, current: null))
                {
                    cancelled++;
                }
            }
            catch (Exception ex) when (ex is DomainException or HttpRequestException or Payments.GatewayException)
            {
                Logger.LogInformation(ex, "Unpaid order {OrderId} left for now", order.Id);
            }
        }

        return cancelled;
    }
}
