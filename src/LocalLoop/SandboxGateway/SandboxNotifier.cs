using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.SandboxGateway;

/// <summary>
/// The gateway's notification sender: for every paid trade it POSTs a signed notification to the merchant's
/// notify URL and retries with growing delays until the app answers "success", as real gateways do.
/// </summary>
public sealed class SandboxNotifier(IServiceScopeFactory scopes, IHttpClientFactory http, IOptions<SandboxGatewayOptions> options,
    TimeProvider clock, ILogger<SandboxNotifier> logger) : BackgroundService
{
    public const string HttpClientName = "sandbox-gateway-notify";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await NotifyDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sandbox gateway notification pass failed");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task NotifyDueAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var retries = options.Value.NotifyRetrySeconds;
        var due = await db.SandboxTrades.AsNoTracking()
            .Where(t => t.State == SandboxTradeState.Paid && t.NotifiedAt == null && t.NotifyAttempts <= retries.Length && (t.NextNotifyAt == null || t.NextNotifyAt <= now))
            .OrderBy(t => t.PaidAt).Take(20).ToListAsync(cancellationToken);
        foreach (var trade in due)
        {
            var delay = TimeSpan.FromSeconds(retries[Math.Min(trade.NotifyAttempts, retries.Length - 1)]);
            var next = now + delay;
            // Claim this attempt so another node does not send the same one.
            var claimed = await db.SandboxTrades
                .Where(t => t.TransactionId == trade.TransactionId && t.NotifyAttempts == trade.NotifyAttempts && t.NotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NotifyAttempts, t => t.NotifyAttempts + 1).SetProperty(t => t.NextNotifyAt, next), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            if (await SendAsync(trade, cancellationToken))
            {
                await db.SandboxTrades.Where(t => t.TransactionId == trade.TransactionId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.NotifiedAt, clock.GetUtcNow()), cancellationToken);
            }
        }
    }

    private async Task<bool> SendAsync(SandboxTrade trade, CancellationToken cancellationToken)
    {
        var notification = new TradeNotification(trade.TransactionId, trade.MerchantTradeNo, trade.AmountFen, "SUCCESS",
            trade.PaidAt ?? clock.GetUtcNow(), Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));
        var body = JsonSerializer.Serialize(notification, JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, trade.NotifyUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(GatewaySignature.Header, GatewaySignature.Sign(body, options.Value.Secret));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode && answer.Trim() == "success";
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation(ex, "Notification for {TransactionId} not delivered; will retry", trade.TransactionId);
            return false;
        }
    }
}
