using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Messaging;

/// <summary>
/// Sends queued SMS and email through the configured providers. Every node runs it: a message is claimed with a lease
/// (a conditional update on <see cref="OutboundMessage.LockedUntil"/>), so two nodes never send it at once, and the
/// provider dedupes on our message id, so a retry after a lost answer is harmless. A failure waits
/// <see cref="MessagingOptions.RetrySeconds"/> before the next attempt; after the last one the message is marked failed.
/// </summary>
public sealed class OutboundMessageSender(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MessagingOptions> options, ILogger<OutboundMessageSender> logger)
    : PeriodicJob(logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    public const int BatchSize = 50;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SendScanSeconds);

    /// <summary>One pass over the messages due now; returns how many this call sent.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.OutboundMessages
            .Where(m => m.Status == OutboundMessageStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var id in due)
        {
            var leaseEnd = now + Lease;
            var claimed = await db.OutboundMessages
                .Where(m => m.Id == id && m.Status == OutboundMessageStatus.Pending && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var message = await db.OutboundMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            try
            {
                var providerId = message.Channel == MessageChannel.Sms
                    ? await scope.ServiceProvider.GetRequiredService<ISmsSender>().SendAsync(message.Id, message.To, message.Body, cancellationToken)
                    : await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(message.Id, message.To, message.Subject, message.Body, cancellationToken);
                await db.OutboundMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboundMessageStatus.Sent).SetProperty(m => m.SentAt, clock.GetUtcNow())
                    .SetProperty(m => m.ProviderMessageId, providerId).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
                sent++;
            }
            catch (MessageSendException ex)
            {
                var retries = options.Value.RetrySeconds;
                var givesUp = message.Attempts > retries.Length;
                var next = clock.GetUtcNow().AddSeconds(givesUp ? 0 : retries[message.Attempts - 1]);
                var error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                Logger.LogWarning(ex, "Sending {Channel} message {MessageId} failed (attempt {Attempt})", message.Channel, id, message.Attempts);
                await db.OutboundMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, givesUp ? OutboundMessageStatus.Failed : OutboundMessageStatus.Pending)
                    .SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            }
        }

        return sent;
    }
}
