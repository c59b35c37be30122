using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Platform.Outbox;

/// <summary>
/// Delivers outbox messages in-process, a batch at a time (decision 0037). A batch is claimed with a lease (a conditional
/// update on <see cref="OutboxMessage.LockedUntil"/>), so several app nodes never deliver the same message at once, and
/// delivered in one transaction (on PostgreSQL; on SQLite one message per transaction); if any message of it fails, each
/// is delivered on its own, so a failing message holds back only itself and is retried on a later pass.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private const int MaxAttempts = 10;
    private const int BatchSize = 100;

    private static readonly MethodInfo HandleMethod = typeof(OutboxDispatcher).GetMethod(nameof(HandleAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Per event type name: its type and how to run its handler, looked up once rather than per message.</summary>
    private static readonly ConcurrentDictionary<string, (Type Type, Func<IServiceProvider, IDomainEvent, CancellationToken, Task> Handle)> EventTypes = new();

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
        // A failed delivery rolls its whole transaction back; no savepoint (two round trips per save) is needed.
        db.Database.AutoSavepointsEnabled = false;
        var now = clock.GetUtcNow();
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DispatchedAt == null && m.Attempts < MaxAttempts && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.OccurredAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // What is delivered (type and payload) never changes after the message was written: the scan's copy will do.
        var claimed = await ClaimAsync(db, candidates, now, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        // SQLite has one writer at a time: a batch's transaction would hold it through every handler and keep web
        // requests waiting (most likely why a browser journey once waited out its timeout), so there each
        // message keeps its own short transaction.
        if (claimed.Count > 1 && !db.Database.IsSqlite())
        {
            try
            {
                if (await DeliverAsync(db, scope.ServiceProvider, claimed, cancellationToken))
                {
                    return claimed.Count;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogInformation(ex, "An outbox batch of {Count} failed; delivering its messages one by one", claimed.Count);
            }
        }

        var delivered = 0;
        foreach (var message in claimed)
        {
            try
            {
                if (await DeliverAsync(db, scope.ServiceProvider, [message], cancellationToken))
                {
                    delivered++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogWarning(ex, "Delivering outbox message {MessageId} of type {Type} failed", message.Id, message.Type);
                var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                await db.OutboxMessages.Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastError, error).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
            }
        }

        return delivered;
    }

    /// <summary>
    /// Leases the candidates in one conditional update. The lease's end carries a random fraction of a second, so when
    /// another node took some of them first, re-reading that end tells which are this pass's.
    /// </summary>
    private static async Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, List<OutboxMessage> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = candidates.Select(m => m.Id).ToList();
        // Whole microseconds: what PostgreSQL keeps of a timestamp, so the re-read compares equal.
        var leaseEnd = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero) + Lease
            + TimeSpan.FromTicks(Random.Shared.Next(1_000_000) * TimeSpan.TicksPerMicrosecond);
        var claimed = await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.DispatchedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == ids.Count)
        {
            return candidates;
        }

        if (claimed == 0)
        {
            return [];
        }

        var ours = (await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LockedUntil == leaseEnd).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        return candidates.Where(m => ours.Contains(m.Id)).ToList();
    }

    /// <summary>
    /// Runs the messages' effects and marks them delivered in one transaction. The conditional mark lets only one delivery
    /// of a message commit: if another node delivered one of them meanwhile, nothing commits and false comes back.
    /// </summary>
    private async Task<bool> DeliverAsync(AppDbContext db, IServiceProvider services, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var notifications = new List<Notification>();
        foreach (var message in messages)
        {
            var (type, handle) = EventTypes.GetOrAdd(message.Type, ResolveEventType);
            var domainEvent = (IDomainEvent)JsonSerializer.Deserialize(message.Payload, type)!;
            await handle(services, domainEvent, cancellationToken);
            if (domainEvent.NotifyUserId is { } userId)
            {
                // The message id doubles as the notification id, so a redelivery after a crash cannot add a second copy.
                notifications.Add(new Notification
                {
                    Id = message.Id, UserId = userId, Title = domainEvent.NotificationTitle, Body = domainEvent.NotificationBody, CreatedAt = clock.GetUtcNow(),
                });
            }
        }

        if (notifications.Count > 0)
        {
            var notificationIds = notifications.Select(n => n.Id).ToList();
            var existing = (await db.Notifications.Where(n => notificationIds.Contains(n.Id)).Select(n => n.Id).ToListAsync(cancellationToken)).ToHashSet();
            db.Notifications.AddRange(notifications.Where(n => !existing.Contains(n.Id)));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var ids = messages.Select(m => m.Id).ToList();
        if (await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, clock.GetUtcNow()).SetProperty(m => m.LastError, (string?)null), cancellationToken) != ids.Count)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static (Type, Func<IServiceProvider, IDomainEvent, CancellationToken, Task>) ResolveEventType(string typeName)
    {
        var type = typeof(OutboxDispatcher).Assembly.GetType(typeName) ?? throw new InvalidOperationException($"Unknown event type {typeName}.");
        return (type, HandleMethod.MakeGenericMethod(type).CreateDelegate<Func<IServiceProvider, IDomainEvent, CancellationToken, Task>>());
    }

    /// <summary>The event's <see cref="IOutboxHandler{TEvent}"/>, if it has one (the inbox is written by the dispatcher).</summary>
    private static Task HandleAsync<TEvent>(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken) where TEvent : IDomainEvent =>
        services.GetService<IOutboxHandler<TEvent>>()?.HandleAsync((TEvent)domainEvent, cancellationToken) ?? Task.CompletedTask;
}
