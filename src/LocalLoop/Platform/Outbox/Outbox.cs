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
