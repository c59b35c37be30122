using System.Text.Json;
using LocalLoop.Platform.Data;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Payments;

/// <summary>
/// Receives the gateway's asynchronous notifications. Checks the signature over the raw body and the amount
/// against our payment; logs every notification with its outcome; a repeated one is acknowledged and changes nothing.
/// </summary>
public sealed class GatewayNotifications(AppDbContext db, PaymentProcessing payments, IOptions<SandboxGatewayOptions> options,
    TimeProvider clock, ILogger<GatewayNotifications> logger)
{
    public async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var signature = request.Headers[GatewaySignature.Header].ToString();

        if (!GatewaySignature.IsValid(body, signature, options.Value.Secret))
        {
            logger.LogWarning("Rejected a gateway notification with a bad signature from {Remote}", request.HttpContext.Connection.RemoteIpAddress);
            return await Reject(body, signature, "bad signature");
        }

        TradeNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<TradeNotification>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            notification = null;
        }

        if (notification is null || notification.Status != "SUCCESS")
        {
            return await Reject(body, signature, "unreadable or not a success notification");
        }

        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.TradeNo == notification.MerchantTradeNo);
        if (payment is null)
        {
            return await Reject(body, signature, "unknown trade number");
        }

        if (payment.AmountFen != notification.AmountFen)
        {
            logger.LogWarning("Gateway notification for {TradeNo} claims {Claimed} fen, payment is {Expected} fen", payment.TradeNo, notification.AmountFen, payment.AmountFen);
            return await Reject(body, signature, "amount does not match the payment");
        }

        var changed = await payments.CompleteGatewayPaymentAsync(payment, notification.TransactionId);
        await LogAsync(body, signature, changed ? "payment completed" : "repeat: already processed", accepted: true);
        // "success" is the acknowledgement the gateway waits for; it stops retrying.
        return Results.Text("success");
    }

    private async Task<IResult> Reject(string body, string signature, string outcome)
    {
        await LogAsync(body, signature, outcome, accepted: false);
        return Platform.Web.Problems.Result(StatusCodes.Status400BadRequest, "notification_rejected", $"Notification rejected: {outcome}.");
    }

    private async Task LogAsync(string body, string signature, string outcome, bool accepted)
    {
        db.ChangeTracker.Clear();
        db.GatewayNotifications.Add(new GatewayNotificationLog
        {
            Id = Guid.CreateVersion7(),
            Body = body.Length > 4000 ? body[..4000] : body,
            Signature = signature.Length > 200 ? signature[..200] : signature,
            Outcome = outcome,
            Accepted = accepted,
            ReceivedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }
}
