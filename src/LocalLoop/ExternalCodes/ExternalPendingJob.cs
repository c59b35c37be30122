using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.ExternalCodes;

/// <summary>Settings of the external codes capability, bound from the <c>ExternalCodes</c> configuration section.</summary>
public sealed class ExternalCodeOptions
{
    /// <summary>How often each node asks the platforms about consumptions whose answer was lost (<see cref="ExternalPendingJob"/>).</summary>
    public int PendingScanSeconds { get; set; } = 60;

    /// <summary>How old a Pending row must be before the job asks about it: younger ones may still be in the clerk's hands.</summary>
    public int PendingGraceSeconds { get; set; } = 60;
}

public enum PendingOutcome
{
    /// <summary>The platform did not answer, or another node settled the row first: it is left as it is.</summary>
    Unchanged,
    Consumed,
    Failed,
}

/// <summary>
/// Settles one Pending external consumption by asking its platform for our request id: found → Consumed, with the
/// successful log row the clerk never got; "no such request" → Failed, logged. Both are conditional on the row still
/// being Pending, in one transaction with the log row, so a clerk's retry or another node settling the same row
/// records it once.
/// </summary>
public sealed class PendingConsumptions(AppDbContext db, ExternalPlatformBindings bindings, TimeProvider clock)
{
    public async Task<PendingOutcome> SettleAsync(Guid consumptionId)
    {
        var consumption = await db.ExternalConsumptions.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == consumptionId && c.State == ExternalConsumptionState.Pending);
        var bound = consumption is null ? null : (await bindings.BoundAsync(consumption.MerchantId)).SingleOrDefault(b => b.Provider.Platform == consumption.Platform);
        if (consumption is null || bound is null)
        {
            return PendingOutcome.Unchanged;
        }

        ExternalReceipt? receipt;
        try
        {
            receipt = await bound.Provider.FindConsumptionAsync(bound.Shop, consumption.RequestId);
        }
        catch (ExternalPlatformException)
        {
            return PendingOutcome.Unchanged;
        }

        var now = clock.GetUtcNow();
        var attempt = ExternalCodeVerification.Attempt(consumption.MerchantId, consumption.ClerkUserId, consumption.StoreId, consumption.Code, consumption.Platform,
            receipt is not null, receipt is not null ? "verified (confirmed later by the platform)" : "not consumed (the platform confirmed it later)",
            receipt is not null ? "已核销（平台稍后确认）" : "未核销（平台稍后确认）", now);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var pending = db.ExternalConsumptions.Where(c => c.Id == consumption.Id && c.State == ExternalConsumptionState.Pending);
        var won = receipt is null
            ? await pending.ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ExternalConsumptionState.Failed))
            : await pending.ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, ExternalConsumptionState.Consumed)
                .SetProperty(c => c.RemoteConsumptionId, receipt.ConsumptionId)
                .SetProperty(c => c.SettlementFen, receipt.SettlementFen)
                .SetProperty(c => c.ConsumedAt, receipt.ConsumedAt)
                .SetProperty(c => c.AttemptId, attempt.Id));
        if (won == 0)
        {
            await transaction.RollbackAsync();
            return PendingOutcome.Unchanged;
        }

        if (receipt is not null)
        {
            attempt.At = receipt.ConsumedAt;
        }

        db.VerificationAttempts.Add(attempt);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return receipt is null ? PendingOutcome.Failed : PendingOutcome.Consumed;
    }
}

/// <summary>
/// Every <see cref="ExternalCodeOptions.PendingScanSeconds"/> seconds, settles the external consumptions left Pending
/// when a platform went quiet (decision 0010), so they no longer wait for the clerk to retry the same code. Every node
/// runs it; <see cref="PendingConsumptions.SettleAsync"/> is conditional, so each row is settled once.
/// </summary>
public sealed class ExternalPendingJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ExternalCodeOptions> options, ILogger<ExternalPendingJob> logger)
    : PeriodicJob(logger)
{
    /// <summary>How many Pending rows one pass takes on; the next pass continues.</summary>
    public const int BatchSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PendingScanSeconds);

    /// <summary>One pass: asks about up to <see cref="BatchSize"/> Pending rows past the grace period; returns how many this call settled.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.PendingGraceSeconds);
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await db.ExternalConsumptions.IgnoreQueryFilters()
                .Where(c => c.State == ExternalConsumptionState.Pending && c.CreatedAt <= before)
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        var settled = 0;
        foreach (var consumptionId in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A scope per row: one platform's failure leaves nothing tracked behind for the next row.
            using var scope = scopes.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<PendingConsumptions>().SettleAsync(consumptionId) != PendingOutcome.Unchanged)
            {
                settled++;
            }
        }

        if (settled > 0)
        {
            Logger.LogInformation("Settled {Count} pending external consumptions", settled);
        }

        return settled;
    }
}
