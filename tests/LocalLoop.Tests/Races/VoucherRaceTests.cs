using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>Many requests at once on one voucher, one payment or one wallet: nothing is lost, nothing is doubled, the ledger balances.</summary>
public sealed class VoucherRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Fifty_parallel_verifications_of_one_code_consume_it_exactly_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code)));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "exactly one verification succeeds");
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(49, "the others are told the voucher is already used");
        var postings = await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == voucher.Id && e.Kind == "verification"));
        postings.ShouldBe(3, "one settlement transaction: escrow, merchant, commission");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Twenty_parallel_refunds_of_one_voucher_refund_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 5_000);
        var consumer = await scenario.NewConsumerAsync(walletFen: 5_000);
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null)));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "exactly one refund succeeds");
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(19);
        (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen.ShouldBe(5_000L, "the money came back once");
        (await app.WithDbAsync(db => db.Refunds.CountAsync(r => r.VoucherId == voucher.Id))).ShouldBe(1);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verification_racing_refund_lets_exactly_one_win(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();

        var attempts = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code)
            : consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null));
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1, "a voucher is either consumed or refunded, never both");
        var state = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == voucher.Id).State;
        (state is nameof(VoucherState.Verified) or nameof(VoucherState.Refunded)).ShouldBeTrue();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Duplicate_gateway_notifications_in_parallel_make_one_payment(string database)
    {
        var app = await fixture.For(database);
        var (consumer, order, payment) = await GatewayNotificationClosedLoopTests.PendingGatewayPaymentAsync(app);
        var notification = new TradeNotification("SBXPARALLEL", payment.TradeNo, payment.AmountFen, "SUCCESS", DateTimeOffset.UtcNow, "n3");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.Anonymous().SendAsync(Gateway.Notification(notification, Gateway.Secret(app)))));

        responses.All(r => (int)r.StatusCode == 200).ShouldBeTrue("every copy is acknowledged");
        (await Scenario.VouchersAsync(consumer)).Count(v => v.OrderId == order.Id).ShouldBe(order.Quantity, "vouchers issued once");
        (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == payment.Id))).ShouldBe(2, "one payment transaction");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_wallet_payments_never_overdraw_the_wallet(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_000);
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000);
        var orders = new List<OrderView>();
        for (var i = 0; i < 15; i++)
        {
            orders.Add(await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1));
        }

        var responses = await Task.WhenAll(orders.Select(o => consumer.Client.PostAsJsonAsync($"/api/orders/{o.Id}/pay", new PayRequest("wallet"))));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(10, "the balance covers exactly ten");
        responses.Count(r => (int)r.StatusCode == 409).ShouldBe(5, "the rest are refused for insufficient balance");
        (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen.ShouldBe(0L);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task One_idempotency_key_sent_in_parallel_creates_one_order(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var key = Guid.NewGuid().ToString();

        Task<HttpResponseMessage> Create(int quantity)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(new PlaceOrderRequest(merchant.DealId, quantity)) };
            request.Headers.Add("Idempotency-Key", key);
            return consumer.Client.SendAsync(request);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Create(2)));
        responses.All(r => (int)r.StatusCode is 201 or 409).ShouldBeTrue("a copy either gets the first answer or is told the first is still running");
        var replay = await Create(2).ShouldReturnAsync<OrderView>(201);
        var orders = await consumer.Client.GetFromJsonAsync<List<OrderView>>("/api/orders");
        orders!.Count.ShouldBe(1, "one order, however often the request was sent");
        replay.Id.ShouldBe(orders[0].Id, "a replay returns the first answer");
        await Create(3).ShouldBeProblemAsync(422, "idempotency_key_reused");
    }
}
