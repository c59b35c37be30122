using System.Text.Json;
using LocalLoop.Platform.Data;

namespace LocalLoop.Platform.Outbox;

/// <summary>A fact other parts of the platform may react to (notifications now; webhooks and analytics later).</summary>
public interface IDomainEvent
{
    /// <summary>Whom to tell in the in-app inbox, if anyone.</summary>
    Guid? NotifyUserId { get; }

    string NotificationTitle { get; }

    string NotificationBody { get; }
}

/// <summary>
/// Applies an event's effect on other tables after the change that raised it committed. The dispatcher runs it in one
/// transaction with marking the message delivered, so the effect happens exactly once even when a lease expires and
/// another node picks the message up; work that would serialize every request on one hot row belongs here.
/// </summary>
public interface IOutboxHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>Writes events into the outbox table in the caller's unit of work, so the event exists exactly when the change does.</summary>
public sealed class OutboxWriter(AppDbContext db, TimeProvider clock)
{
    public void Add<TEvent>(TEvent domainEvent) where TEvent : IDomainEvent
    {
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = typeof(TEvent).FullName!,
            Payload = JsonSerializer.Serialize(domainEvent),
            OccurredAt = clock.GetUtcNow(),
        });
    }
}
