using System.Text.Json;
using LocalLoop.Platform.Data;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Payments;

/// <summary>
/// Receives the gateway's asynchronous notifications. Checks the signature over the raw body and the amount
/// against our payment or top-up; logs every notification with its outcome; a repeated one is acknowledged and changes nothing.
/// </summary>
public sealed class GatewayNotifications(AppDbContext db, PaymentProcessing payments, CheckoutPaymentSettlement checkoutPayments, WalletTopUps topUps, IOptions<SandboxGatewayOptions> options,
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
        var checkoutPayment = payment is null
            ? await db.Set<CheckoutPayment>().AsNoTracking().SingleOrDefaultAsync(p => p.TradeNo == notification.MerchantTradeNo)
            : null;
        if (payment is null && checkoutPayment is null)
        {
            return await TopUpAsync(notification, body, signature);
        }

        var expectedFen = payment?.AmountFen ?? checkoutPayment!.GatewayFen;
        if (expectedFen != notification.AmountFen)
        {
            logger.LogWarning("Gateway notification for {TradeNo} claims {Claimed} fen, payment is {Expected} fen", notification.MerchantTradeNo, notification.AmountFen, expectedFen);
            return await Reject(body, signature, "amount does not match the payment");
        }

        var outcome = payment is not null
            ? await payments.CompleteGatewayPaymentAsync(payment, notification.TransactionId, request)
            : await checkoutPayments.CompleteFromGatewayAsync(checkoutPayment!, notification.TransactionId, request);
        if (outcome == NotificationOutcome.LateRefundNotYetAccepted)
        {
            // Not acknowledged: the gateway's next attempt sends the refund again (same refund number, so once).
            await LogAsync(body, signature, "order not payable: refund not accepted by the gateway yet", accepted: false);
            return Platform.Web.Problems.Result(StatusCodes.Status503ServiceUnavailable, "refund_pending", "The refund of this late payment has not reached the gateway yet.");
        }

        await LogAsync(body, signature, outcome switch
        {
            NotificationOutcome.Completed => "payment completed",
            NotificationOutcome.LateRefunded => "order not payable: payment refunded",
            NotificationOutcome.LateRefundRepeat => "repeat: late payment already refunded",
            _ => "repeat: already processed",
        }, accepted: true);
        return Acknowledge();
    }

    private async Task<IResult> TopUpAsync(TradeNotification notification, string body, string signature)
    {
        var topUp = await db.Set<WalletTopUp>().AsNoTracking().SingleOrDefaultAsync(t => t.TradeNo == notification.MerchantTradeNo);
        if (topUp is null)
        {
            return await Reject(body, signature, "unknown trade number");
        }

        if (topUp.AmountFen != notification.AmountFen)
        {
            return await Reject(body, signature, "amount does not match the top-up");
        }

        var changed = await topUps.CompleteAsync(topUp, notification.TransactionId);
        await LogAsync(body, signature, changed ? "top-up credited" : "repeat: already processed", accepted: true);
        return Acknowledge();
    }

    /// <summary>"success" is the acknowledgement the gateway waits for; it stops retrying.</summary>
    private static IResult Acknowledge() => Results.Text("success");

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
