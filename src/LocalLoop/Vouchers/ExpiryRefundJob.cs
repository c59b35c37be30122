using LocalLoop.Platform;
using LocalLoop.Deals;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Vouchers;

/// <summary>
/// 过期自动退: every <see cref="VoucherOptions.ExpiryScanSeconds"/> seconds, refunds the vouchers that expired unused
/// under a policy that refunds at expiry (<see cref="RefundPolicy.AnyTime"/>, <see cref="RefundPolicy.ExpiryOnly"/>),
/// through the same path as a consumer's refund. Every node runs it: the conditional update Issued → Refunded lets one
/// node (or the consumer) win each voucher and the others pass; the unique index on Refund.VoucherId is the last line.
/// Vouchers under <see cref="RefundPolicy.None"/> stay Issued and expired.
/// </summary>
public sealed class ExpiryRefundJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<VoucherOptions> options, ILogger<ExpiryRefundJob> logger) : PeriodicJob(logger)
{
    /// <summary>How many expired vouchers one pass takes on; the next pass continues.</summary>
    public const int BatchSize = 200;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ExpiryScanSeconds);

    /// <summary>One pass: refunds up to <see cref="BatchSize"/> expired vouchers and returns how many this call refunded (others may have been won by another node).</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.Vouchers.IgnoreQueryFilters()
                .Where(v => v.State == VoucherState.Issued && v.ExpiresAt <= now
                    && (v.RefundPolicy == RefundPolicy.AnyTime || v.RefundPolicy == RefundPolicy.ExpiryOnly))
                .OrderBy(v => v.ExpiresAt).ThenBy(v => v.Id).Select(v => v.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        var refunded = 0;
        foreach (var voucherId in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // A scope per voucher: a failed refund leaves nothing tracked behind for the next one.
                using var scope = scopes.CreateScope();
                var refunds = scope.ServiceProvider.GetRequiredService<VoucherRefunds>();
                if (await refunds.RefundAtExpiryAsync(voucherId) is not null)
                {
                    refunded++;
                }
            }
            catch (DbUpdateException ex)
            {
                // Only the unique index on Refund.VoucherId can get here (the conditional update already lets one win): nothing was refunded twice.
                Logger.LogInformation(ex, "Expiry refund of voucher {VoucherId} lost to another refund", voucherId);
            }
        }

        if (refunded > 0)
        {
            Logger.LogInformation("Refunded {Count} expired vouchers", refunded);
        }

        return refunded;
    }
}
