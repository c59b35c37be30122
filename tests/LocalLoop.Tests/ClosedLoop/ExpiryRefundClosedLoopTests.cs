using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Deals;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform.Outbox;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// Refund policy per deal (随时退 · 过期自动退 / 过期自动退 / 不可退): what the consumer may refund on request, and what the
/// expiry job refunds when an unused voucher expires. The tests of this class share an app and move its clock forward.
/// </summary>
public sealed class ExpiryRefundClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_policy_allows_what_it_says_and_the_expiry_job_refunds_unused_vouchers_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var anyTime = await scenario.NewMerchantAsync(priceFen: 3_000, validityDays: 5);
        var expiryOnly = await scenario.NewMerchantAsync(priceFen: 4_000, validityDays: 5, refundPolicy: "ExpiryOnly");
        var none = await scenario.NewMerchantAsync(priceFen: 5_000, validityDays: 5, refundPolicy: "none");
        var consumer = await scenario.NewConsumerAsync(walletFen: 100_000);

        // The consumer reads the policy before paying.
        (await consumer.Client.GetFromJsonAsync<DealView>($"/api/deals/{anyTime.DealId}"))!.RefundPolicy.ShouldBe("AnyTime");
        (await consumer.Client.GetFromJsonAsync<DealView>($"/api/deals/{expiryOnly.DealId}"))!.RefundPolicy.ShouldBe("ExpiryOnly");
        (await consumer.Client.GetFromJsonAsync<DealView>($"/api/deals/{none.DealId}"))!.RefundPolicy.ShouldBe("None");
        var page = await consumer.Client.GetStringAsync($"/deals/{expiryOnly.DealId}");
        page.Contains("过期自动退", StringComparison.Ordinal).ShouldBeTrue("the deal page names the policy before paying");
        (await consumer.Client.GetStringAsync($"/deals/{none.DealId}")).Contains("不可退", StringComparison.Ordinal).ShouldBeTrue();

        var a = await Scenario.BuyWithWalletAsync(consumer, anyTime.DealId, 2);
        var e = await Scenario.BuyWithWalletAsync(consumer, expiryOnly.DealId, 1);
        var n = await Scenario.BuyWithWalletAsync(consumer, none.DealId, 1);
        a.ShouldAllHavePolicy("AnyTime");
        e.ShouldAllHavePolicy("ExpiryOnly");
        n.ShouldAllHavePolicy("None");
        (await WalletAsync(consumer)).ShouldBe(100_000L - 6_000 - 4_000 - 5_000);

        // On request: AnyTime yes; ExpiryOnly and None are refused, saying why in both languages.
        await consumer.Client.PostAsync($"/api/me/vouchers/{a[0].Id}/refund", null).ShouldReturnAsync<RefundResult>();
        var refusedExpiryOnly = await consumer.Client.PostAsync($"/api/me/vouchers/{e[0].Id}/refund", null);
        (await ProblemAsync(refusedExpiryOnly, 409, "not_refundable")).DetailZh.Contains("过期自动退", StringComparison.Ordinal).ShouldBeTrue();
        var refusedNone = await consumer.Client.PostAsync($"/api/me/vouchers/{n[0].Id}/refund", null);
        var problem = await ProblemAsync(refusedNone, 409, "not_refundable");
        problem.Detail.Contains("non-refundable", StringComparison.Ordinal).ShouldBeTrue();
        problem.DetailZh.Contains("不可退", StringComparison.Ordinal).ShouldBeTrue();
        (await WalletAsync(consumer)).ShouldBe(100_000L - 3_000 - 4_000 - 5_000);

        // Before expiry the job does nothing.
        await RunJobAsync(app);
        (await StatesAsync(app, e[0].Id, n[0].Id, a[1].Id)).ShouldBeEquivalentTo(["Issued", "Issued", "Issued"]);

        // Six days later all three have expired.
        app.Clock.Advance(TimeSpan.FromDays(6));
        consumer = await SignInAgainAsync(app, consumer);
        await RunJobAsync(app);
        (await StatesAsync(app, a[1].Id, e[0].Id, n[0].Id)).ShouldBeEquivalentTo(["Refunded", "Refunded", "Issued"]);
        (await WalletAsync(consumer)).ShouldBe(100_000L - 5_000, "AnyTime and ExpiryOnly came back to the wallet; None did not");
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == n[0].Id).Expired.ShouldBeTrue("a None voucher just shows as expired");
        (await app.WithDbAsync(db => db.Refunds.CountAsync(r => r.ConsumerId == consumer.Id))).ShouldBe(3);

        // A second pass finds nothing more; refunding the None voucher is still refused; the auto-refunded one is already refunded.
        await RunJobAsync(app);
        (await app.WithDbAsync(db => db.Refunds.CountAsync(r => r.ConsumerId == consumer.Id))).ShouldBe(3);
        await consumer.Client.PostAsync($"/api/me/vouchers/{n[0].Id}/refund", null).ShouldBeProblemAsync(409, "not_refundable");
        await consumer.Client.PostAsync($"/api/me/vouchers/{e[0].Id}/refund", null).ShouldBeProblemAsync(409, "already_refunded");

        // The consumer is told, for each auto-refund, that it happened at expiry.
        var notifications = await WaitForNotificationsAsync(consumer.Client, "Refunded at expiry", 2);
        notifications.Count(x => x.Body.Contains("过期未使用", StringComparison.Ordinal)).ShouldBe(2);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_used_voucher_is_never_auto_refunded_and_a_later_policy_of_the_deal_does_not_change_a_sold_voucher(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 2_500, validityDays: 3);
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000);
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2);
        await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code)).ShouldHaveStatusAsync(200);

        // The policy is the voucher's own: even if the deal's row changed afterwards, the voucher keeps AnyTime.
        await app.WithDbAsync(db => db.Deals.IgnoreQueryFilters().Where(d => d.Id == merchant.DealId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RefundPolicy, RefundPolicy.None)));

        app.Clock.Advance(TimeSpan.FromDays(4));
        consumer = await SignInAgainAsync(app, consumer);
        await RunJobAsync(app);

        (await StatesAsync(app, vouchers[0].Id, vouchers[1].Id)).ShouldBeEquivalentTo(["Verified", "Refunded"]);
        (await WalletAsync(consumer)).ShouldBe(10_000L - 2_500);
        (await app.WithDbAsync(db => db.Refunds.CountAsync(r => r.VoucherId == vouchers[0].Id))).ShouldBe(0, "a used voucher is never refunded");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_gateway_paid_voucher_is_auto_refunded_through_the_gateway(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 6_600, validityDays: 2, refundPolicy: "ExpiryOnly");
        var consumer = await scenario.NewConsumerAsync(walletFen: 0);
        var order = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);
        var pay = await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("gateway")).ShouldReturnAsync<PayResult>();
        await Gateway.ConfirmOnCashierAsync(app, pay.CashierUrl!);
        (await Gateway.WaitUntilPaidAsync(consumer, order.Id)).State.ShouldBe(nameof(OrderState.Paid));
        var voucher = (await Scenario.VouchersAsync(consumer)).Single(v => v.OrderId == order.Id);
        await consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null).ShouldBeProblemAsync(409, "not_refundable");

        app.Clock.Advance(TimeSpan.FromDays(3));
        consumer = await SignInAgainAsync(app, consumer);
        await RunJobAsync(app);

        (await StatesAsync(app, voucher.Id)).ShouldBeEquivalentTo(["Refunded"]);
        var payment = await Gateway.PaymentOfAsync(app, order.Id);
        var trade = await app.Anonymous().GetFromJsonAsync<TradeState>($"/sandbox-gateway/api/trades/{payment.TradeNo}");
        trade!.RefundedFen.ShouldBe(6_600L, "the gateway refunded the voucher's value");
        var refund = await app.WithDbAsync(db => db.Refunds.AsNoTracking().SingleAsync(r => r.VoucherId == voucher.Id));
        refund.Method.ShouldBe(PaymentMethod.SandboxGateway);
        (refund.GatewayRefundId is not null).ShouldBeTrue("the gateway accepted the refund");
        (await WalletAsync(consumer)).ShouldBe(0L, "gateway money goes back to the gateway, not the wallet");
        await WaitForNotificationsAsync(consumer.Client, "Refunded at expiry", 1);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_unknown_refund_policy_is_refused_in_english_and_chinese(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        foreach (var bad in new[] { "Sometimes", "1", "" })
        {
            var response = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
                new DealRequest("双人套餐", "内容", "food", 1_000, 2_000, 30, [merchant.HonouringStoreId], bad));
            await response.ShouldHaveStatusAsync(400);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            body.RootElement.GetProperty("errors").GetProperty(nameof(DealRequest.RefundPolicy)).ToString().Contains("AnyTime", StringComparison.Ordinal).ShouldBeTrue();
            body.RootElement.GetProperty("errorsZh").GetProperty(nameof(DealRequest.RefundPolicy)).ToString().Contains("不可退", StringComparison.Ordinal).ShouldBeTrue();
        }

        var created = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("双人套餐", "内容", "food", 1_000, 2_000, 30, [merchant.HonouringStoreId])).ShouldReturnAsync<DealView>(201);
        created.RefundPolicy.ShouldBe("AnyTime", "the default when none is given");
        await app.AssertLedgerBalancedAsync();
    }

    internal static async Task RunJobAsync(TestApp app) => await app.Services.GetRequiredService<ExpiryRefundJob>().RunOnceAsync(CancellationToken.None);

    internal static async Task<List<string>> StatesAsync(TestApp app, params Guid[] ids)
    {
        var states = await app.WithDbAsync(db => db.Vouchers.IgnoreQueryFilters().AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.State }).ToListAsync());
        return ids.Select(id => states.Single(s => s.Id == id).State.ToString()).ToList();
    }

    /// <summary>Days later by the app's clock, the old bearer token has expired, as it would have for a real client.</summary>
    internal static async Task<Consumer> SignInAgainAsync(TestApp app, Consumer consumer) => consumer with { Client = await app.SignInAsync(consumer.Email) };

    internal static async Task<long> WalletAsync(Consumer consumer) => (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen;

    private static async Task<(string Detail, string DetailZh)> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        await response.ShouldHaveStatusAsync(status);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe(code);
        return (problem.RootElement.GetProperty("detail").GetString()!, problem.RootElement.GetProperty("detailZh").GetString()!);
    }

    private static async Task<List<NotificationView>> WaitForNotificationsAsync(HttpClient client, string title, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<NotificationView> matching;
        do
        {
            matching = (await client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications"))!
                .Where(n => n.Title.Contains(title, StringComparison.Ordinal)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"Expected {count} notifications '{title}', got {matching.Count}.");
        return matching;
    }

    private sealed record TradeState(string TransactionId, string MerchantTradeNo, long AmountFen, long RefundedFen, string State);
}

internal static class VoucherPolicyAssertions
{
    public static void ShouldAllHavePolicy(this List<VoucherView> vouchers, string policy)
    {
        (vouchers.Count > 0).ShouldBeTrue("the order issued vouchers");
        vouchers.All(v => v.RefundPolicy == policy).ShouldBeTrue($"each voucher carries the deal's policy {policy}");
    }
}
