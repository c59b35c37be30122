using System.Text.Json;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Platform.Outbox;

/// <summary>
/// Delivers outbox messages in-process. A message is claimed with a lease (a conditional update on
/// <see cref="OutboxMessage.LockedUntil"/>), so several app nodes never deliver the same message at once;
/// a failed delivery is retried on a later pass.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int delivered;
            try
            {
                delivered = await DispatchPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Outbox pass failed; retrying shortly");
                delivered = 0;
            }

            if (delivered == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass over undelivered messages; returns how many were delivered.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A failed delivery rolls its whole transaction back; no savepoint (two round trips per message) is needed.
        db.Database.AutoSavepointsEnabled = false;
        var now = clock.GetUtcNow();
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DispatchedAt == null && m.Attempts < MaxAttempts && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.OccurredAt)
            .Take(50)
            .ToListAsync(cancellationToken);

        var delivered = 0;
        foreach (var message in candidates)
        {
            var id = message.Id;
            var leaseEnd = now + Lease;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            // What is delivered (type and payload) never changes after the message was written: the scan's copy will do.
            try
            {
                // The effects and the delivered mark commit together; the conditional mark lets only one delivery commit.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await DeliverAsync(db, scope.ServiceProvider, message, cancellationToken);
                if (await db.OutboxMessages.Where(m => m.Id == id && m.DispatchedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, clock.GetUtcNow()).SetProperty(m => m.LastError, (string?)null), cancellationToken) == 1)
                {
                    await transaction.CommitAsync(cancellationToken);
                    delivered++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogWarning(ex, "Delivering outbox message {MessageId} of type {Type} failed", id, message.Type);
                var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                await db.OutboxMessages.Where(m => m.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastError, error).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            }
        }

        return delivered;
    }

    /// <summary>The in-process consumers: the inbox, and the event's <see cref="IOutboxHandler{TEvent}"/> if it has one.</summary>
    private async Task DeliverAsync(AppDbContext db, IServiceProvider services, OutboxMessage message, CancellationToken cancellationToken)
    {
        var type = typeof(OutboxDispatcher).Assembly.GetType(message.Type)
            ?? throw new InvalidOperationException($"Unknown event type {message.Type}.");
        var domainEvent = (IDomainEvent)JsonSerializer.Deserialize(message.Payload, type)!;
        if (services.GetService(typeof(IOutboxHandler<>).MakeGenericType(type)) is { } handler)
        {
            await (Task)handler.GetType().GetMethod(nameof(IOutboxHandler<>.HandleAsync))!.Invoke(handler, [domainEvent, cancellationToken])!;
        }

        if (domainEvent.NotifyUserId is { } userId)
        {
            // The message id doubles as the notification id, so a redelivery after a crash cannot add a second copy.
            if (!await db.Notifications.AnyAsync(n => n.Id == message.Id, cancellationToken))
            {
                db.Notifications.Add(new Notification
                {
                    Id = message.Id,
                    UserId = userId,
                    Title = domainEvent.NotificationTitle,
                    Body = domainEvent.NotificationBody,
                    CreatedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
    }
}
