using System.Security.Cryptography;
using System.Text.Json;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.SandboxGateway;

/// <summary>
/// The remote side of a third-party payment gateway, run inside the app for development and tests. It
/// behaves like the real thing: signed API calls, a hosted cashier page, asynchronous signed notifications
/// retried until acknowledged, and refunds idempotent by refund number.
/// </summary>
public static class SandboxGatewayServer
{
    public const string Prefix = "/sandbox-gateway";

    public static void MapSandboxGateway(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix + "/api").WithTags("Sandbox gateway (remote side)");
        api.MapPost("/trades", CreateTradeAsync);
        api.MapPost("/refunds", RefundAsync);
        api.MapPost("/trades/close", CloseTradeAsync);
        api.MapGet("/trades/{merchantTradeNo}", async (string merchantTradeNo, AppDbContext db) =>
            await db.SandboxTrades.AsNoTracking().SingleOrDefaultAsync(t => t.MerchantTradeNo == merchantTradeNo) is { } trade
                ? Results.Ok(new TradeQueryResponse(trade.TransactionId, trade.MerchantTradeNo, trade.AmountFen, trade.RefundedFen, trade.State.ToString()))
                : Problems.Result(404, "unknown_trade", "No such trade."));
    }

    private static async Task<IResult> CreateTradeAsync(HttpRequest request, AppDbContext db, IOptions<SandboxGatewayOptions> options, TimeProvider clock)
    {
        var (body, ok) = await ReadSignedAsync(request, options.Value.Secret);
        if (!ok)
        {
            return Problems.Result(401, "bad_signature", "Signature check failed.");
        }

        var create = JsonSerializer.Deserialize<CreateTradeRequest>(body, JsonSerializerOptions.Web);
        if (create is null || create.AmountFen <= 0 || string.IsNullOrEmpty(create.MerchantTradeNo))
        {
            return Problems.Result(400, "bad_request", "A trade needs a trade number and a positive amount.");
        }

        var existing = await db.SandboxTrades.AsNoTracking().SingleOrDefaultAsync(t => t.MerchantTradeNo == create.MerchantTradeNo);
        var trade = existing ?? new SandboxTrade
        {
            TransactionId = "SBX" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10)),
            MerchantTradeNo = create.MerchantTradeNo,
            AmountFen = create.AmountFen,
            Subject = create.Subject,
            SubMerchantId = create.SubMerchantId,
            NotifyUrl = create.NotifyUrl,
            ReturnUrl = create.ReturnUrl,
            State = SandboxTradeState.AwaitingPayment,
            CreatedAt = clock.GetUtcNow(),
        };
        if (existing is null)
        {
            db.SandboxTrades.Add(trade);
            await db.SaveChangesAsync();
        }

        return Results.Ok(new CreateTradeResponse(trade.TransactionId, $"{Prefix}/cashier/{trade.TransactionId}"));
    }

    /// <summary>Closes an unpaid trade so it can no longer be paid; refused once the consumer has paid it.</summary>
    private static async Task<IResult> CloseTradeAsync(HttpRequest request, AppDbContext db, IOptions<SandboxGatewayOptions> options)
    {
        var (body, ok) = await ReadSignedAsync(request, options.Value.Secret);
        if (!ok)
        {
            return Problems.Result(401, "bad_signature", "Signature check failed.");
        }

        var close = JsonSerializer.Deserialize<CloseTradeRequest>(body, JsonSerializerOptions.Web);
        var trade = await db.SandboxTrades.AsNoTracking().SingleOrDefaultAsync(t => t.MerchantTradeNo == close!.MerchantTradeNo);
        if (trade is null)
        {
            // Never created on the gateway side: nothing can be paid, which is what closing wants.
            return Results.Ok(new { status = "CLOSED" });
        }

        // A payment still processing (a timed-out one) is given up on, like an unpaid one; a failed trade is already over.
        await db.SandboxTrades.Where(t => t.TransactionId == trade.TransactionId
                && (t.State == SandboxTradeState.AwaitingPayment || t.State == SandboxTradeState.Processing))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, SandboxTradeState.Closed));
        var state = await db.SandboxTrades.Where(t => t.TransactionId == trade.TransactionId).Select(t => t.State).SingleAsync();
        return state is SandboxTradeState.Closed or SandboxTradeState.Failed
            ? Results.Ok(new { status = "CLOSED" })
            : Problems.Result(409, "trade_paid", "The trade has already been paid.");
    }

    private static async Task<IResult> RefundAsync(HttpRequest request, AppDbContext db, IOptions<SandboxGatewayOptions> options)
    {
        var (body, ok) = await ReadSignedAsync(request, options.Value.Secret);
        if (!ok)
        {
            return Problems.Result(401, "bad_signature", "Signature check failed.");
        }

        var refund = JsonSerializer.Deserialize<RefundTradeRequest>(body, JsonSerializerOptions.Web);
        if (refund is null || refund.AmountFen <= 0)
        {
            return Problems.Result(400, "bad_request", "A refund needs a positive amount.");
        }

        // A repeated refund number is answered with the first result, like real gateways' out_refund_no.
        var refundId = "SBXR" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(refund.RefundNo)))[..16];
        if (await db.SandboxRefundExistsAsync(refund.TransactionId, refundId))
        {
            return Results.Ok(new RefundTradeResponse(refundId, "SUCCESS"));
        }

        // The refund row is written first, in the transaction that moves the amount: two calls with one refund number
        // at once (two app nodes) meet on its key, and the second is answered like a repeat.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.SandboxRefunds.Add(new SandboxRefund { RefundId = refundId, TransactionId = refund.TransactionId, AmountFen = refund.AmountFen });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            return await db.SandboxRefundExistsAsync(refund.TransactionId, refundId)
                ? Results.Ok(new RefundTradeResponse(refundId, "SUCCESS"))
                : Problems.Result(409, "refund_refused", "A refund with this number is being processed.");
        }

        var changed = await db.SandboxTrades
            .Where(t => t.TransactionId == refund.TransactionId && t.State == SandboxTradeState.Paid && t.RefundedFen + refund.AmountFen <= t.AmountFen)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RefundedFen, t => t.RefundedFen + refund.AmountFen));
        if (changed == 0)
        {
            return Problems.Result(409, "refund_refused", "The trade is unknown, unpaid, or the refund exceeds what is left.");
        }

        await transaction.CommitAsync();
        return Results.Ok(new RefundTradeResponse(refundId, "SUCCESS"));
    }

    private static async Task<(string Body, bool Valid)> ReadSignedAsync(HttpRequest request, string secret)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        return (body, GatewaySignature.IsValid(body, request.Headers[GatewaySignature.Header], secret));
    }

    private static Task<bool> SandboxRefundExistsAsync(this AppDbContext db, string transactionId, string refundId) =>
        db.SandboxRefunds.AnyAsync(r => r.RefundId == refundId && r.TransactionId == transactionId);
}
