using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>Drives the sandbox gateway's remote side the way a consumer on its cashier page, or the gateway itself, would.</summary>
public static class Gateway
{
    /// <summary>The consumer presses "confirm" on the hosted cashier page (a real form post with its antiforgery token).</summary>
    public static async Task ConfirmOnCashierAsync(TestApp app, string cashierUrl, string button = "confirm")
    {
        var answer = await PressOnCashierAsync(app, cashierUrl, button);
        ((int)answer.StatusCode is 302 or 303).ShouldBeTrue($"the cashier redirects back to the shop after {button} (got {(int)answer.StatusCode})");
    }

    /// <summary>The payer opens the hosted cashier and presses a button on it, with the page's antiforgery token and cookie.</summary>
    public static async Task<HttpResponseMessage> PressOnCashierAsync(TestApp app, string cashierUrl, string button)
    {
        var browser = app.Anonymous();
        var page = await browser.GetAsync(cashierUrl);
        await page.ShouldHaveStatusAsync(200);
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
        using var post = new HttpRequestMessage(HttpMethod.Post, $"{cashierUrl}?handler={button}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        return await browser.SendAsync(post);
    }

    public static async Task<OrderView> WaitUntilPaidAsync(Consumer consumer, Guid orderId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var order = await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}");
            if (order!.State == nameof(OrderState.Paid) || DateTime.UtcNow > deadline)
            {
                return order;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A notification as the gateway would send it, signed with <paramref name="secret"/> (the real one unless a forger's).</summary>
    public static HttpRequestMessage Notification(TradeNotification notification, string secret, string? bodyOverride = null)
    {
        var body = JsonSerializer.Serialize(notification, JsonSerializerOptions.Web);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/sandbox/notify")
        {
            Content = new StringContent(bodyOverride ?? body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(GatewaySignature.Header, GatewaySignature.Sign(body, secret));
        return request;
    }

    public static string Secret(TestApp app) => app.Services.GetRequiredService<IOptions<SandboxGatewayOptions>>().Value.Secret;

    public static Task<Payment> PaymentOfAsync(TestApp app, Guid orderId) =>
        app.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId && p.Method == PaymentMethod.SandboxGateway));
}
