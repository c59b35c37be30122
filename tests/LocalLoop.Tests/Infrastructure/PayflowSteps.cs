using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>Steps of the payment-flow tests: top-ups, the gateway's test console, and what the gateway itself would do.</summary>
public static class PayflowSteps
{
    /// <summary>Starts a top-up through the API; answers the cashier address.</summary>
    public static Task<TopUpStarted> StartTopUpAsync(Consumer consumer, long amountFen) =>
        consumer.Client.PostAsJsonAsync("/api/me/wallet/top-ups", new TopUpRequest(amountFen)).ShouldReturnAsync<TopUpStarted>(201);

    /// <summary>A whole top-up: started, confirmed on the cashier, credited once the gateway's notification arrives.</summary>
    public static async Task<TopUpView> TopUpAsync(TestApp app, Consumer consumer, long amountFen)
    {
        var started = await StartTopUpAsync(consumer, amountFen);
        await Gateway.ConfirmOnCashierAsync(app, started.CashierUrl);
        var topUp = await WaitForAsync(() => consumer.Client.GetFromJsonAsync<TopUpView>($"/api/me/wallet/top-ups/{started.Id}"),
            t => t!.State == nameof(TopUpState.Succeeded));
        return topUp!;
    }

    /// <summary>Polls until the condition holds (the gateway's notification travels asynchronously) or 20 seconds pass; answers the last value.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The consumer presses "confirm" on the cashier and stays there (a declined or hanging payment); answers the state the page shows.</summary>
    public static async Task<string> ConfirmAndStayOnCashierAsync(TestApp app, string cashierUrl)
    {
        var answer = await (await Gateway.PressOnCashierAsync(app, cashierUrl, "confirm")).ShouldHaveStatusAsync(200);
        return System.Text.RegularExpressions.Regex.Match(await answer.Content.ReadAsStringAsync(), "data-state=\"([A-Za-z]+)\"").Groups[1].Value;
    }

    public static async Task<GatewayFaultSwitch> SetFaultAsync(TestApp app, GatewayFaultRequest request)
    {
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        return await admin.PostAsJsonAsync("/api/admin/sandbox-gateway/faults", request).ShouldReturnAsync<GatewayFaultSwitch>(201);
    }

    /// <summary>What the gateway's query API says about one of our trade numbers.</summary>
    public static async Task<TradeQueryResponse> QueryAsync(TestApp app, string tradeNo) =>
        (await app.Anonymous().GetFromJsonAsync<TradeQueryResponse>($"{SandboxGatewayServer.Prefix}/api/trades/{tradeNo}"))!;

    public static async Task<string> PayByGatewayAsync(Consumer consumer, Guid orderId) =>
        (await consumer.Client.PostAsJsonAsync($"/api/orders/{orderId}/pay", new PayRequest("gateway")).ShouldReturnAsync<PayResult>()).CashierUrl!;

    /// <summary>
    /// The payer's bank confirms a payment just as the trade is being closed — the crossing gateways warn about: the
    /// trade ends up paid at the gateway whatever the app asked. Done in the gateway's own table, as only the gateway can.
    /// </summary>
    public static Task<int> PaymentCrossesTheCloseAsync(TestApp app, string tradeNo) => app.WithDbAsync(db =>
        db.SandboxTrades.Where(t => t.MerchantTradeNo == tradeNo).ExecuteUpdateAsync(s => s.SetProperty(t => t.State, SandboxTradeState.Paid)
            .SetProperty(t => t.PaidAt, DateTimeOffset.UtcNow).SetProperty(t => t.NextNotifyAt, DateTimeOffset.UtcNow.AddDays(1))));

    /// <summary>The gateway's signed notification for a trade, sent to <paramref name="node"/>.</summary>
    public static async Task<HttpResponseMessage> NotifyAsync(TestApp node, Payment payment)
    {
        var transactionId = await node.WithDbAsync(db => db.SandboxTrades.Where(t => t.MerchantTradeNo == payment.TradeNo).Select(t => t.TransactionId).SingleAsync());
        var notification = new TradeNotification(transactionId, payment.TradeNo, payment.AmountFen, "SUCCESS", DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"));
        return await node.Anonymous().SendAsync(Gateway.Notification(notification, Gateway.Secret(node)));
    }

    public static Task<OrderView> OrderAsync(Consumer consumer, Guid orderId) => consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}")!;

    public static UnpaidOrderJob UnpaidJob(TestApp app) => app.Services.GetRequiredService<UnpaidOrderJob>();
}
