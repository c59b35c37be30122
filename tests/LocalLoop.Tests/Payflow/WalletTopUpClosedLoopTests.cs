using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Payments;
using LocalLoop.Platform.Outbox;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Payflow;

/// <summary>
/// Operators set bonus tiers; a consumer tops up through the gateway, sees the bonus before paying, gets the paid
/// amount and the bonus as two ledger movements, spends the bonus, and a refund of a wallet-paid order leaves it spendable.
/// </summary>
public sealed class WalletTopUpClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_top_up_earns_the_highest_tier_reached_is_posted_as_payment_and_bonus_and_the_bonus_survives_a_refund(string database)
    {
        var app = await fixture.For(database);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var now = DateTimeOffset.UtcNow;
        await reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(10_000, 500, null, null, true)).ShouldReturnAsync<TopUpBonusRule>(201);
        await reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(50_000, 5_000, now.AddDays(-1), now.AddDays(7), true)).ShouldReturnAsync<TopUpBonusRule>(201);
        // Ended yesterday, and paused: neither applies.
        await reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(20_000, 10_000, now.AddDays(-7), now.AddDays(-1), true)).ShouldReturnAsync<TopUpBonusRule>(201);
        var paused = await reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(30_000, 30_000, null, null, true)).ShouldReturnAsync<TopUpBonusRule>(201);
        await reviewer.PutAsJsonAsync($"/api/admin/top-up-bonus-rules/{paused.Id}", new BonusRuleRequest(30_000, 30_000, null, null, false)).ShouldReturnAsync<TopUpBonusRule>();

        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 0);
        var offers = await app.Anonymous().GetFromJsonAsync<List<TopUpBonusRule>>("/api/wallet/bonus-rules");
        offers!.Select(o => o.MinAmountFen).ShouldBeEquivalentTo([10_000L, 50_000L]);
        foreach (var (amount, bonus) in new[] { (5_000L, 0L), (10_000L, 500L), (29_999L, 500L), (49_999L, 500L), (50_000L, 5_000L), (100_000L, 5_000L) })
        {
            var preview = await consumer.Client.GetFromJsonAsync<BonusPreview>($"/api/me/wallet/top-ups/preview?amountFen={amount}");
            preview!.BonusFen.ShouldBe(bonus, $"the bonus for {amount} fen");
            preview.CreditedFen.ShouldBe(amount + bonus);
        }

        var marketingBefore = await app.AccountBalanceAsync(Accounts.PlatformMarketing);
        var topUp = await PayflowSteps.TopUpAsync(app, consumer, 50_000);
        topUp.State.ShouldBe(nameof(TopUpState.Succeeded));
        topUp.BonusFen.ShouldBe(5_000L);

        // A repeated notification is acknowledged and credits nothing more.
        var stored = await app.WithDbAsync(db => db.Set<WalletTopUp>().SingleAsync(t => t.Id == topUp.Id));
        var repeat = new TradeNotification(stored.GatewayTransactionId!, stored.TradeNo, 50_000, "SUCCESS", DateTimeOffset.UtcNow, "again");
        var answer = await (await app.Anonymous().SendAsync(Gateway.Notification(repeat, Gateway.Secret(app)))).ShouldHaveStatusAsync(200);
        (await answer.Content.ReadAsStringAsync()).ShouldBe("success");

        var wallet = await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet");
        wallet!.BalanceFen.ShouldBe(55_000L);
        wallet.Movements.Select(m => (m.Kind, m.AmountFen)).OrderBy(m => m.Kind).ShouldBeEquivalentTo([("topup", 50_000L), ("topup-bonus", 5_000L)]);
        (await consumer.Client.GetFromJsonAsync<List<TopUpView>>("/api/me/wallet/top-ups"))!.Single().Id.ShouldBe(topUp.Id);
        (await app.AccountBalanceAsync(Accounts.PlatformMarketing)).ShouldBe(marketingBefore - 5_000, "the bonus is the platform's marketing expense");
        var page = await (await consumer.Client.GetAsync("/me/wallet")).ShouldHaveStatusAsync(200);
        (await page.Content.ReadAsStringAsync()).Contains("充值赠送").ShouldBeTrue("the wallet history names the bonus");
        var inbox = await PayflowSteps.WaitForAsync(() => consumer.Client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications")!, n => n!.Count > 0);
        inbox!.Any(n => n.Title.Contains("充值成功")).ShouldBeTrue("the consumer is told in the inbox");

        // Spend more than was paid in: the bonus is money like any other; then refund that wallet-paid voucher.
        var merchant = await new Scenario(app).NewMerchantAsync(priceFen: 52_000);
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen.ShouldBe(3_000L);
        await consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null).ShouldReturnAsync<RefundResult>();
        (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen.ShouldBe(55_000L, "the refund returns all that was paid, bonus included, spendable again");
        (await app.AccountBalanceAsync(Accounts.PlatformMarketing)).ShouldBe(marketingBefore - 5_000, "a refund does not claw back the bonus");

        // The balance never goes negative: two orders that together exceed it, paid at once, one wins.
        var orders = await Task.WhenAll(Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1), Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1));
        var paid = await Task.WhenAll(orders.Select(o => consumer.Client.PostAsJsonAsync($"/api/orders/{o.Id}/pay", new PayRequest("wallet"))));
        paid.Count(r => r.IsSuccessStatusCode).ShouldBe(1);
        (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen.ShouldBe(3_000L);
        await app.AssertLedgerBalancedAsync();
    }
}
