using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Payments;

public sealed class CheckoutPaymentOptions
{
    /// <summary>A checkout payment still pending this long after it started is settled from the gateway's view of its trade.</summary>
    public int StaleAfterMinutes { get; set; } = 30;

    public int SweepScanSeconds { get; set; } = 60;
}

/// <summary>
/// Ends the checkout payments nobody else will end (decision 0033): pending for <see cref="CheckoutPaymentOptions.StaleAfterMinutes"/>,
/// or pending although an order of it is no longer waiting for payment — a payment that started in the instant a
/// cancellation ran keeps its wallet hold otherwise. The gateway is asked about the trade: paid, it settles as its
/// notification would (orders paid, or the gateway part refunded when they cannot take it); otherwise the trade is closed
/// and the hold returned. Every node runs it: each end is the settlement's conditional state change, so one node wins
/// each payment and the hold goes back once.
/// </summary>
public sealed class CheckoutPaymentSweepJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<CheckoutPaymentOptions> options,
    ILogger<CheckoutPaymentSweepJob> logger) : PeriodicJob(logger)
{
    public const int BatchSize = 100;

    /// <summary>A payment younger than this may still be creating its trade; it is left alone even if its orders changed.</summary>
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(1);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SweepScanSeconds);

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (stale, settled) = (now.AddMinutes(-options.Value.StaleAfterMinutes), now - Settling);
        List<CheckoutPayment> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Candidates by age, or with an order of the checkout no longer unpaid; which orders the payment covers is checked below.
            var candidates = await db.Set<CheckoutPayment>().AsNoTracking()
                .Where(p => p.State == CheckoutPaymentState.Pending && p.CreatedAt <= settled && (p.CreatedAt <= stale
                    || db.Orders.IgnoreQueryFilters().Any(o => o.CheckoutId == p.CheckoutId && o.State != OrderState.PendingPayment)))
                .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(BatchSize).ToListAsync(cancellationToken);
            var ids = candidates.SelectMany(p => p.Orders()).ToList();
            var unpaid = (await db.Orders.IgnoreQueryFilters().Where(o => ids.Contains(o.Id) && o.State == OrderState.PendingPayment)
                .Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
            due = [.. candidates.Where(p => p.CreatedAt <= stale || !p.Orders().All(unpaid.Contains))];
        }

        var ended = 0;
        foreach (var payment in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var scope = scopes.CreateScope();
                if (await EndAsync(scope.ServiceProvider, payment))
                {
                    ended++;
                }
            }
            catch (Exception ex) when (ex is DomainException or HttpRequestException or GatewayException)
            {
                Logger.LogInformation(ex, "Checkout payment {PaymentId} left for now", payment.Id);
            }
        }

        return ended;
    }

    /// <summary>Settles a paid trade as its notification would; closes any other and returns the hold. True if this call ended the payment.</summary>
    private static async Task<bool> EndAsync(IServiceProvider services, CheckoutPayment payment)
    {
        var gateway = services.GetRequiredService<SandboxGatewayClient>();
        var settlement = services.GetRequiredService<CheckoutPaymentSettlement>();
        if (await gateway.QueryTradeAsync(gateway.BaseUrl(null), payment.TradeNo) is { State: nameof(SandboxTradeState.Paid) } trade)
        {
            return await settlement.CompleteFromGatewayAsync(payment, trade.TransactionId, current: null)
                is NotificationOutcome.Completed or NotificationOutcome.LateRefunded or NotificationOutcome.LateRefundNotYetAccepted;
        }

        return await settlement.CloseAsync(payment, current: null);
    }
}
