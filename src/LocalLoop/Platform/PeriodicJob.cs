namespace LocalLoop.Platform;

/// <summary>
/// A background pass repeated every <see cref="Interval"/> on every node. Each pass is written to be safe on several
/// nodes at once (conditional updates or leases), so the loop needs no coordination of its own; a failed pass is logged
/// and the next one tries again. Tests call <see cref="RunOnceAsync"/> directly.
/// </summary>
public abstract class PeriodicJob(ILogger logger) : BackgroundService
{
    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass; returns how many items this call handled (others may have been handled by another node).</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Logger.LogWarning(ex, "{Job} pass failed", GetType().Name);
            }
        }
    }
}
