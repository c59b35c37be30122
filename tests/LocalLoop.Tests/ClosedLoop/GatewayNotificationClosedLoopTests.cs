using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>The payment step's guard: only a correctly signed notification for the right amount completes a payment, and only once.</summary>
public sealed class GatewayNotificationClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Forged_tampered_and_wrong_amount_notifications_are_rejected_logged_and_change_nothing(string database)
    {
        var app = await fixture.For(database);
        var (consumer, order, payment) = await PendingGatewayPaymentAsync(app);
        var genuine = new TradeNotification("SBXFORGED", payment.TradeNo, payment.AmountFen, "SUCCESS", DateTimeOffset.UtcNow, "n1");
        var client = app.Anonymous();

        // Signed with a key the forger guessed.
        await client.SendAsync(Gateway.Notification(genuine, "not-the-secret")).ShouldBeProblemAsync(400, "notification_rejected");
        // Signed correctly, then the body altered to claim a smaller amount.
        var cheaper = genuine with { AmountFen = 1 };
        await client.SendAsync(Gateway.Notification(genuine, Gateway.Secret(app), System.Text.Json.JsonSerializer.Serialize(cheaper, System.Text.Json.JsonSerializerOptions.Web)))
            .ShouldBeProblemAsync(400, "notification_rejected");
        // Correctly signed but for the wrong amount (a gateway bug or a replay from another trade).
        await client.SendAsync(Gateway.Notification(cheaper, Gateway.Secret(app))).ShouldBeProblemAsync(400, "notification_rejected");
        // No signature at all.
        var unsigned = Gateway.Notification(genuine, Gateway.Secret(app));
        unsigned.Headers.Remove(GatewaySignature.Header);
        await client.SendAsync(unsigned).ShouldBeProblemAsync(400, "notification_rejected");

        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{order.Id}"))!.State.ShouldBe(nameof(OrderState.PendingPayment));
        (await Scenario.VouchersAsync(consumer)).Count.ShouldBe(0);
        var rejected = await app.WithDbAsync(db => db.GatewayNotifications.Where(n => !n.Accepted && n.Body.Contains(payment.TradeNo)).Select(n => n.Outcome).ToListAsync());
        rejected.Count.ShouldBe(4, "every rejected notification is logged");
        rejected.Contains("bad signature").ShouldBeTrue();
        rejected.Contains("amount does not match the payment").ShouldBeTrue();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_repeated_notification_is_acknowledged_and_pays_once(string database)
    {
        var app = await fixture.For(database);
        var (consumer, order, payment) = await PendingGatewayPaymentAsync(app);
        var notification = new TradeNotification("SBXREPEAT", payment.TradeNo, payment.AmountFen, "SUCCESS", DateTimeOffset.UtcNow, "n2");

        for (var i = 0; i < 3; i++)
        {
            var response = await (await app.Anonymous().SendAsync(Gateway.Notification(notification, Gateway.Secret(app)))).ShouldHaveStatusAsync(200);
            (await response.Content.ReadAsStringAsync()).ShouldBe("success", "the gateway stops retrying only on 'success'");
        }

        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{order.Id}"))!.State.ShouldBe(nameof(OrderState.Paid));
        (await Scenario.VouchersAsync(consumer)).Count.ShouldBe(order.Quantity, "vouchers are issued once");
        var escrowPostings = await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == payment.Id));
        escrowPostings.ShouldBe(2, "one balanced payment transaction");
        await app.AssertLedgerBalancedAsync();
    }

    internal static async Task<(Consumer, OrderView, Payment)> PendingGatewayPaymentAsync(TestApp app)
    {
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(walletFen: 0);
        var order = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 2);
        await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("gateway")).ShouldReturnAsync<PayResult>();
        return (consumer, order, await Gateway.PaymentOfAsync(app, order.Id));
    }
}
