using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Messaging;

/// <summary>What the operator's message log shows: the recipient masked.</summary>
public sealed record OutboundMessageView(Guid Id, string Channel, string To, string Template, string Subject, string Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>Queues SMS and email in the caller's unit of work (sent afterwards by <see cref="OutboundMessageSender"/>), and lists them for operators.</summary>
public sealed class OutboundMessages(AppDbContext db, TimeProvider clock, IOptions<MessagingOptions> options)
{
    public const int Take = 200;

    /// <summary>Adds the message to the caller's unit of work; nothing when the channel has no provider.</summary>
    public void Queue(Guid? userId, MessageChannel channel, string to, string template, string subject, string body)
    {
        if (!options.Value.Enabled(channel))
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.OutboundMessages.Add(new OutboundMessage
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Channel = channel,
            To = to,
            Template = template,
            Subject = subject,
            Body = body,
            Status = OutboundMessageStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
    }

    /// <summary>The newest messages, optionally of one status.</summary>
    public async Task<List<OutboundMessageView>> LatestAsync(OutboundMessageStatus? status)
    {
        var rows = await db.OutboundMessages.AsNoTracking().Where(m => status == null || m.Status == status)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(Take).ToListAsync();
        return rows.Select(m => new OutboundMessageView(m.Id, m.Channel.ToString(), Mask(m.Channel, m.To), m.Template, m.Subject, m.Status.ToString(),
            m.Attempts, m.LastError, m.CreatedAt, m.SentAt)).ToList();
    }

    /// <summary>Operators see enough to tell recipients apart, not enough to contact them.</summary>
    public static string Mask(MessageChannel channel, string to)
    {
        if (channel == MessageChannel.Sms)
        {
            return PhoneNumbers.Mask(to);
        }

        var at = to.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "***" + to[Math.Max(0, at)..] : to[0] + new string('*', Math.Min(at - 1, 6)) + to[at..];
    }
}
