using System.Net.Http.Json;
using LocalLoop.Discovery;
using LocalLoop.Ledger;
using LocalLoop.Operations;
using LocalLoop.Payments;
using LocalLoop.Platform.Outbox;
using LocalLoop.Reviews;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>The whole loop through the API, paid from the wallet: find → buy → verify → settle → review, and refund of the unused unit.</summary>
public sealed class WalletClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_finds_buys_consumes_and_reviews_while_the_merchant_is_paid_minus_commission(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 8_850);
        var consumer = await scenario.NewConsumerAsync(walletFen: 50_000);

        // Acquire: the approved deal is found near the consumer, with its distance.
        var nearby = await consumer.Client.GetFromJsonAsync<NearbyPage>($"/api/deals/nearby?lat={Scenario.Latitude}&lng={Scenario.Longitude}&radiusKm=3&pageSize=50");
        var found = nearby!.Items.Single(d => d.DealId == merchant.DealId);
        found.NearestStoreId.ShouldBe(merchant.HonouringStoreId);
        (found.DistanceKm < 0.01).ShouldBeTrue("the honouring store is at the consumer's position");

        // Convert: 3 units paid from the wallet give 3 distinct 12-digit codes.
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 3);
        vouchers.Count.ShouldBe(3);
        vouchers.Select(v => v.Code).Distinct().Count().ShouldBe(3);
        vouchers.All(v => v.Code.Length == 12 && v.Code.All(char.IsAsciiDigit)).ShouldBeTrue("codes are 12 digits");
        var wallet = await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet");
        wallet!.BalanceFen.ShouldBe(50_000 - 3 * 8_850);
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(0L, "nothing is settled before consumption");

        // Consume: the clerk verifies one code at the honouring store.
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code).ShouldReturnAsync<VerificationResult>();
        verified.ValueFen.ShouldBe(8_850);
        verified.CommissionFen.ShouldBe(443, "5% of ¥88.50 is ¥4.425, rounded half away from zero");
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(8_850L - 443);

        // The verification is logged with clerk, store and time.
        var log = await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications");
        var entry = log!.Single(e => e.Succeeded);
        entry.StoreName.ShouldBe("人民广场店");
        entry.ClerkName.ShouldBe("店员 Clerk");

        // Refund an unused voucher: back to the wallet, once.
        var refund = await consumer.Client.PostAsync($"/api/me/vouchers/{vouchers[1].Id}/refund", null).ShouldReturnAsync<RefundResult>();
        refund.AmountFen.ShouldBe(8_850);
        refund.Method.ShouldBe("wallet");
        await consumer.Client.PostAsync($"/api/me/vouchers/{vouchers[1].Id}/refund", null).ShouldBeProblemAsync(409, "already_refunded");
        await consumer.Client.PostAsync($"/api/me/vouchers/{vouchers[0].Id}/refund", null).ShouldBeProblemAsync(409, "already_verified");
        wallet = await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet");
        wallet!.BalanceFen.ShouldBe(50_000 - 2 * 8_850);

        // A refunded voucher cannot be verified.
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[1].Code).ShouldBeProblemAsync(409, "refunded");

        // Feedback: a review needs a verified voucher; the store and deal show the average.
        await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(vouchers[2].Id, 5, "还没去")).ShouldBeProblemAsync(409, "not_consumed");
        await (await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(vouchers[0].Id, 4, "毛肚很新鲜"))).ShouldHaveStatusAsync(201);
        await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(vouchers[0].Id, 5, "again")).ShouldBeProblemAsync(409, "already_reviewed");
        var store = await app.Anonymous().GetFromJsonAsync<StoreDetails>($"/api/stores/{merchant.HonouringStoreId}");
        store!.AverageRating.ShouldBe(4.0);
        store.Reviews.Single().Text.ShouldBe("毛肚很新鲜");

        // Dashboards: the merchant sees its verification, GMV and balances.
        var dashboard = await merchant.Owner.GetFromJsonAsync<MerchantDashboard>("/api/merchant/dashboard");
        dashboard!.VerificationsTotal.ShouldBe(1);
        dashboard.GmvFen.ShouldBe(3 * 8_850L);
        dashboard.CommissionFen.ShouldBe(443L);
        dashboard.PendingBalanceFen.ShouldBe(8_850L - 443);
        dashboard.EscrowHeldFen.ShouldBe(8_850L, "one voucher is still unused");
        dashboard.VerificationsByDay.Sum(d => d.Count).ShouldBe(1);

        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var platform = await reviewer.GetFromJsonAsync<OperatorDashboard>("/api/admin/dashboard");
        platform!.LedgerSumFen.ShouldBe(0L);
        (platform.CommissionFen >= 443).ShouldBeTrue("platform commission includes this merchant's");

        // The outbox delivered the domain events to the consumer's inbox.
        var titles = await WaitForNotificationsAsync(consumer.Client, expected: 3);
        titles.Count(t => t.Contains("Payment received", StringComparison.Ordinal)).ShouldBe(1);
        titles.Count(t => t.Contains("Voucher used", StringComparison.Ordinal)).ShouldBe(1);
        titles.Count(t => t.Contains("Refund issued", StringComparison.Ordinal)).ShouldBe(1);

        await app.AssertLedgerBalancedAsync();
    }

    private static async Task<List<string>> WaitForNotificationsAsync(HttpClient client, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<string> titles;
        do
        {
            titles = (await client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications"))!.Select(n => n.Title).ToList();
            if (titles.Count >= expected)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return titles;
    }
}
