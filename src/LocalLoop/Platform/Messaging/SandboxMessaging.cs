using System.Security.Cryptography;
using System.Text.Json;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Web;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Messaging;

/// <summary>A message the sandbox provider accepted: the provider's own record of what it "delivered".</summary>
public sealed class SandboxMessage
{
    /// <summary>The provider's id, e.g. "SMS3F2A…".</summary>
    public string Id { get; set; } = "";

    /// <summary>The sender's id for the message: the provider accepts each only once.</summary>
    public Guid ClientMessageId { get; set; }

    public MessageChannel Channel { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}

public sealed record SandboxSendRequest(Guid MessageId, string Channel, string To, string? Subject, string Text);

public sealed record SandboxSendResponse(string Id, string Status);

public sealed record SandboxFailRequest(int Count);

/// <summary>How many of the next send requests the sandbox refuses with 503, as a provider having a bad minute does (per app node).</summary>
public sealed class SandboxMessagingFaults
{
    private int _failNext;

    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, Math.Max(0, count));

    public bool ShouldFail()
    {
        while (true)
        {
            var current = Volatile.Read(ref _failNext);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failNext, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}

/// <summary>
/// The remote side of an SMS (and email) provider, run inside the app for development and tests. Like a real one it
/// takes signed requests only, accepts each client message id once (a retry gets the first answer), keeps its own
/// record of what it delivered, and can be told to fail the next requests.
/// </summary>
public static class SandboxMessagingServer
{
    public const string Prefix = "/sandbox-messages";

    public static void MapSandboxMessaging(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix + "/api").WithTags("Sandbox SMS/email provider (remote side)");
        api.MapPost("/messages", SendAsync);
        api.MapPost("/fail-next", async (HttpRequest request, SandboxMessagingFaults faults, IOptions<MessagingOptions> options) =>
        {
            var (body, ok) = await ReadSignedAsync(request, options.Value.Sandbox.Secret);
            if (!ok)
            {
                return Problems.Result(401, "bad_signature", "Signature check failed.");
            }

            faults.FailNext(JsonSerializer.Deserialize<SandboxFailRequest>(body, JsonSerializerOptions.Web)?.Count ?? 0);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SendAsync(HttpRequest request, AppDbContext db, SandboxMessagingFaults faults, IOptions<MessagingOptions> options, TimeProvider clock)
    {
        var (body, ok) = await ReadSignedAsync(request, options.Value.Sandbox.Secret);
        if (!ok)
        {
            return Problems.Result(401, "bad_signature", "Signature check failed.");
        }

        var send = JsonSerializer.Deserialize<SandboxSendRequest>(body, JsonSerializerOptions.Web);
        if (send is null || send.MessageId == Guid.Empty || string.IsNullOrWhiteSpace(send.To) || string.IsNullOrWhiteSpace(send.Text)
            || !Enum.TryParse<MessageChannel>(send.Channel, ignoreCase: true, out var channel))
        {
            return Problems.Result(400, "bad_request", "A message needs an id, a channel (sms, email), a recipient and a text.");
        }

        if (faults.ShouldFail())
        {
            return Problems.Result(503, "provider_unavailable", "The provider is temporarily unavailable.");
        }

        var existing = await db.SandboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.ClientMessageId == send.MessageId);
        if (existing is not null)
        {
            return Results.Ok(new SandboxSendResponse(existing.Id, "DELIVERED"));
        }

        var message = new SandboxMessage
        {
            Id = (channel == MessageChannel.Sms ? "SMS" : "EML") + Convert.ToHexString(RandomNumberGenerator.GetBytes(10)),
            ClientMessageId = send.MessageId,
            Channel = channel,
            To = send.To,
            Subject = send.Subject ?? "",
            Text = send.Text,
            ReceivedAt = clock.GetUtcNow(),
        };
        db.SandboxMessages.Add(message);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same message id sent twice at once: the unique index keeps one; answer with it.
            db.ChangeTracker.Clear();
            message = await db.SandboxMessages.AsNoTracking().SingleAsync(m => m.ClientMessageId == send.MessageId);
        }

        return Results.Ok(new SandboxSendResponse(message.Id, "DELIVERED"));
    }

    private static async Task<(string Body, bool Ok)> ReadSignedAsync(HttpRequest request, string secret)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return (body, GatewaySignature.IsValid(body, request.Headers[GatewaySignature.Header], secret));
    }
}
