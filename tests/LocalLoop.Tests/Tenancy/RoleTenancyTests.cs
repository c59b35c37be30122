using System.Net.Http.Json;
using LocalLoop.Deals;
using LocalLoop.Merchants;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Reviews;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>
/// Each role reaches only its own APIs (403 elsewhere, 401 when not signed in), and a consumer's orders and
/// vouchers do not exist for another consumer (404, and nothing changes).
/// </summary>
public sealed class RoleTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_is_forbidden_from_merchant_and_admin_apis(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();

        await ExpectStatusAsync(consumer.Client, 403, [.. MerchantStaffApis(merchant), .. OwnerOnlyApis(merchant), .. AdminApis(merchant)]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_is_forbidden_from_owner_only_and_admin_apis_and_changes_nothing(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var before = await MerchantRowsAsync(app, merchant.MerchantId);

        await ExpectStatusAsync(merchant.Clerk, 403, [.. OwnerOnlyApis(merchant), .. AdminApis(merchant)]);

        (await MerchantRowsAsync(app, merchant.MerchantId)).ShouldBe(before, "stores, deals, staff and the application queue are unchanged");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_owner_is_forbidden_from_admin_apis(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        await ExpectStatusAsync(merchant.Owner, 403, AdminApis(merchant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Anonymous_callers_get_401_on_protected_apis(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var someId = Guid.NewGuid();
        (string, object?)[] consumerApis =
        [
            ("GET /api/auth/me", null),
            ("POST /api/merchant-applications", new MerchantApplicationRequest("匿名", "91310000MA1234567X", "张三", "13800138000", "food")),
            ("GET /api/merchant-applications/mine", null),
            ("GET /api/orders", null),
            ("POST /api/orders", new PlaceOrderRequest(merchant.DealId, 1)),
            ($"GET /api/orders/{someId}", null),
            ($"POST /api/orders/{someId}/pay", new PayRequest("wallet")),
            ("GET /api/me/wallet", null),
            ("GET /api/me/vouchers", null),
            ($"POST /api/me/vouchers/{someId}/refund", null),
            ("POST /api/reviews", new ReviewRequest(someId, 5, "匿名")),
        ];

        await ExpectStatusAsync(app.Anonymous(), 401,
            [.. consumerApis, .. MerchantStaffApis(merchant), .. OwnerOnlyApis(merchant), .. AdminApis(merchant)]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_cannot_see_or_pay_another_consumers_order(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var x = await scenario.NewConsumerAsync(walletFen: 50_000);
        var y = await scenario.NewConsumerAsync(walletFen: 50_000);
        var orderOfY = await Scenario.PlaceOrderAsync(y, merchant.DealId, 1);

        await x.Client.GetAsync($"/api/orders/{orderOfY.Id}").ShouldBeProblemAsync(404, "not_found");
        await x.Client.PostAsJsonAsync($"/api/orders/{orderOfY.Id}/pay", new PayRequest("wallet")).ShouldBeProblemAsync(404, "not_found");

        (await app.WithDbAsync(db => db.Orders.Where(o => o.Id == orderOfY.Id).Select(o => o.State).SingleAsync())).ShouldBe(OrderState.PendingPayment);
        (await WalletAsync(x)).ShouldBe(50_000L, "X paid nothing");
        (await WalletAsync(y)).ShouldBe(50_000L, "Y paid nothing");
        (await y.Client.GetFromJsonAsync<OrderView>($"/api/orders/{orderOfY.Id}"))!.State.ShouldBe("PendingPayment");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_cannot_refund_another_consumers_voucher(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 6_000);
        var x = await scenario.NewConsumerAsync(walletFen: 50_000);
        var y = await scenario.NewConsumerAsync(walletFen: 50_000);
        var voucherOfY = (await Scenario.BuyWithWalletAsync(y, merchant.DealId, 1)).Single();

        await x.Client.PostAsync($"/api/me/vouchers/{voucherOfY.Id}/refund", null).ShouldBeProblemAsync(404, "not_found");

        (await Scenario.VouchersAsync(y)).Single(v => v.Id == voucherOfY.Id).State.ShouldBe("Issued");
        (await WalletAsync(x)).ShouldBe(50_000L, "the refund did not go to X");
        (await WalletAsync(y)).ShouldBe(44_000L, "Y was not refunded either");
        (await app.WithDbAsync(db => db.Refunds.CountAsync(r => r.VoucherId == voucherOfY.Id))).ShouldBe(0);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_cannot_review_another_consumers_verified_voucher(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var x = await scenario.NewConsumerAsync();
        var y = await scenario.NewConsumerAsync();
        var voucherOfY = (await Scenario.BuyWithWalletAsync(y, merchant.DealId, 1)).Single();
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucherOfY.Code).ShouldReturnAsync<VerificationResult>();

        await x.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(voucherOfY.Id, 1, "我没去过")).ShouldBeProblemAsync(404, "not_found");

        (await app.WithDbAsync(db => db.Reviews.CountAsync(r => r.VoucherId == voucherOfY.Id))).ShouldBe(0);
        // Y's own right to review is untouched.
        await (await y.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(voucherOfY.Id, 5, "好吃"))).ShouldHaveStatusAsync(201);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumers_order_and_voucher_lists_contain_only_their_own(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var x = await scenario.NewConsumerAsync();
        var y = await scenario.NewConsumerAsync();
        var vouchersOfX = await Scenario.BuyWithWalletAsync(x, merchant.DealId, 1);
        var vouchersOfY = await Scenario.BuyWithWalletAsync(y, merchant.DealId, 2);

        (await Scenario.VouchersAsync(x)).Select(v => v.Id).ShouldBeSequence(vouchersOfX.Select(v => v.Id));
        var ordersOfX = (await x.Client.GetFromJsonAsync<List<OrderView>>("/api/orders"))!;
        ordersOfX.Select(o => o.Id).ShouldBeSequence([vouchersOfX[0].OrderId]);
        ordersOfX.Any(o => o.Id == vouchersOfY[0].OrderId).ShouldBe(false);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Public_pages_that_anyone_can_read_are_readable_by_another_merchants_staff(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        string[] publicApis = [$"/api/deals/{a.DealId}", $"/api/stores/{a.HonouringStoreId}"];
        foreach (var api in publicApis)
        {
            await (await app.Anonymous().GetAsync(api)).ShouldHaveStatusAsync(200);
        }

        // Tenancy hides A's rows in B's console; it must not hide A's public catalogue from B's owner, who is
        // also a consumer (a page an anonymous visitor can read protects nothing by answering 404 here).
        foreach (var api in publicApis)
        {
            await (await b.Owner.GetAsync(api)).ShouldHaveStatusAsync(200);
        }
    }

    /// <summary>Calls every API and reports all that answered differently, so one run shows every gap.</summary>
    private static async Task ExpectStatusAsync(HttpClient client, int status, IEnumerable<(string Api, object? Body)> apis)
    {
        var wrong = new List<string>();
        foreach (var (api, body) in apis)
        {
            var response = await client.SendAsync(api, body);
            if ((int)response.StatusCode != status)
            {
                wrong.Add($"{api} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(wrong.Count == 0, $"Expected HTTP {status} from every API, but:\n{string.Join("\n", wrong)}");
    }

    private static (string, object?)[] MerchantStaffApis(MerchantSetup m) =>
    [
        ("GET /api/merchant/stores", null),
        ("GET /api/merchant/deals", null),
        ($"GET /api/merchant/deals/{m.DealId}", null),
        ("GET /api/merchant/verifications", null),
        ("POST /api/merchant/verifications", new VerifyRequest(m.HonouringStoreId, "123456789012")),
        ($"POST /api/merchant/verifications/{Guid.NewGuid()}/reverse", new ReverseRequest("越权")),
    ];

    private static (string, object?)[] OwnerOnlyApis(MerchantSetup m) =>
    [
        ("POST /api/merchant/stores", Scenario.Store("越权店", Scenario.Latitude, Scenario.Longitude)),
        ("POST /api/merchant/deals", new DealRequest("越权套餐", "不应创建", "food", 1_000, 2_000, 30, [m.HonouringStoreId])),
        ("GET /api/merchant/staff", null),
        ("POST /api/merchant/staff/clerks", new ClerkRequest($"x{Guid.NewGuid():N}@test.localloop", "越权店员", TestApp.Password)),
        ("GET /api/merchant/dashboard", null),
    ];

    private static (string, object?)[] AdminApis(MerchantSetup m) =>
    [
        ("GET /api/admin/merchant-applications", null),
        ($"POST /api/admin/merchant-applications/{Guid.NewGuid()}/approve", null),
        ($"POST /api/admin/merchant-applications/{Guid.NewGuid()}/reject", new RejectRequest("越权")),
        ("GET /api/admin/deals/pending", null),
        ($"POST /api/admin/deals/{m.DealId}/approve", null),
        ($"POST /api/admin/deals/{m.DealId}/reject", new RejectRequest("越权")),
        ("GET /api/admin/dashboard", null),
        ($"POST /api/admin/verifications/{Guid.NewGuid()}/reverse", new ReverseRequest("越权")),
        ("GET /api/admin/verifications?code=123456789012", null),
        ($"POST /api/admin/external-codes/consumptions/{Guid.NewGuid()}/reverse", new ReverseRequest("越权")),
    ];

    private static Task<(int Stores, int Deals, int Staff, int PendingApplications)> MerchantRowsAsync(TestApp app, Guid merchantId) => app.WithDbAsync(async db => (
        await db.Stores.CountAsync(s => s.MerchantId == merchantId),
        await db.Deals.CountAsync(d => d.MerchantId == merchantId),
        await db.Users.CountAsync(u => u.MerchantId == merchantId),
        await db.MerchantApplications.CountAsync(a => a.Status == ApplicationStatus.Pending)));

    private static async Task<long> WalletAsync(Consumer consumer) => (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen;
}
