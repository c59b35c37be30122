namespace LocalLoop.Platform.Messaging;

public enum MessageChannel
{
    Sms,
    Email,
}

public enum OutboundMessageStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>The provider accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed; an operator sees it on /admin/messages.</summary>
    Failed,
}

/// <summary>
/// An SMS or email to send, written in the same transaction as the change that causes it and sent afterwards by
/// <see cref="OutboundMessageSender"/>. The row is also the record of what was sent, to whom, and how it went.
/// </summary>
public sealed class OutboundMessage
{
    public Guid Id { get; set; }
    public Guid? UserId { get; set; }
    public MessageChannel Channel { get; set; }

    /// <summary>The phone number or email address.</summary>
    public string To { get; set; } = "";

    /// <summary>Which kind of message it is, e.g. "expiry-reminder".</summary>
    public string Template { get; set; } = "";

    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public OutboundMessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A node holds the message until then while it talks to the provider.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public string? LastError { get; set; }

    /// <summary>The provider's id for the delivered message.</summary>
    public string? ProviderMessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>A person's choices about reminders outside the app; no row means both are on. The in-app inbox always gets them.</summary>
public sealed class MessagingPreference
{
    public Guid UserId { get; set; }
    public bool SmsReminders { get; set; } = true;
    public bool EmailReminders { get; set; } = true;
}
