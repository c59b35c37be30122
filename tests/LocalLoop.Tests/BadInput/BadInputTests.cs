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

namespace LocalLoop.Tests.BadInput;

/// <summary>
/// Every bad request is refused with a problem a person can read and a client can branch on (status + stable
/// code), and leaves nothing behind.
/// </summary>
public sealed class BadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Position = $"lat=31.2304&lng=121.4737";

    // ---- Nearby search ----

    public static TheoryData<string, string> OutOfRangeCoordinates => Cases.OnEachDatabase("lat=91&lng=121.47", "lat=31.23&lng=181", "lat=-90.5&lng=0", "lat=0&lng=-180.01");

    [Theory]
    [MemberData(nameof(OutOfRangeCoordinates))]
    public async Task Nearby_search_refuses_coordinates_outside_the_globe(string database, string query)
    {
        var app = await fixture.For(database);

        var detail = await app.Anonymous().GetAsync($"/api/deals/nearby?{query}").ShouldBeProblemAsync(400, "invalid_coordinates");
        detail.Contains("between -90 and 90", StringComparison.Ordinal).ShouldBeTrue(detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Nearby_search_with_a_non_numeric_latitude_gets_the_frameworks_400(string database)
    {
        var app = await fixture.For(database);

        // Binding "abc" to double? fails before our code runs; the framework answers a bare 400 problem (no code, no detail).
        var response = await (await app.Anonymous().GetAsync("/api/deals/nearby?lat=abc&lng=121.47")).ShouldHaveStatusAsync(400);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    public static TheoryData<string, string> MissingPosition => Cases.OnEachDatabase("lng=121.47", "lat=31.23", "radiusKm=3");

    [Theory]
    [MemberData(nameof(MissingPosition))]
    public async Task Nearby_search_requires_a_position(string database, string query)
    {
        var app = await fixture.For(database);

        var detail = await app.Anonymous().GetAsync($"/api/deals/nearby?{query}").ShouldBeProblemAsync(400, "validation_failed");
        detail.Contains("lat and lng", StringComparison.Ordinal).ShouldBeTrue(detail);
    }

    public static TheoryData<string, string> BadRadius => Cases.OnEachDatabase("0", "-1", "100.01", "1000");

    [Theory]
    [MemberData(nameof(BadRadius))]
    public async Task Nearby_search_refuses_a_radius_outside_0_to_100_km(string database, string radiusKm)
    {
        var app = await fixture.For(database);

        var detail = await app.Anonymous().GetAsync($"/api/deals/nearby?{Position}&radiusKm={radiusKm}").ShouldBeProblemAsync(400, "validation_failed");
        detail.Contains("Radius", StringComparison.Ordinal).ShouldBeTrue(detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Nearby_search_refuses_an_unknown_category(string database)
    {
        var app = await fixture.For(database);

        var detail = await app.Anonymous().GetAsync($"/api/deals/nearby?{Position}&category=spaceships").ShouldBeProblemAsync(400, "validation_failed");
        detail.Contains("category", StringComparison.OrdinalIgnoreCase).ShouldBeTrue(detail);
    }

    // ---- Stores ----

    public static TheoryData<string, string> BadStores => Cases.OnEachDatabase(
        "latitude 95", "latitude -95", "longitude -200", "longitude 181", "opens 25:00", "closes 25:00", "closes 22:60", "opens 9am",
        "opens equals closes", "phone abc", "phone 12", "phone empty", "name empty");

    [Theory]
    [MemberData(nameof(BadStores))]
    public async Task A_bad_store_is_refused_and_not_created(string database, string badness)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var good = Scenario.Store("新店", Scenario.Latitude, Scenario.Longitude);
        var (request, field) = badness switch
        {
            "latitude 95" => (good with { Latitude = 95 }, "Latitude"),
            "latitude -95" => (good with { Latitude = -95 }, "Latitude"),
            "longitude -200" => (good with { Longitude = -200 }, "longitude"),
            "longitude 181" => (good with { Longitude = 181 }, "longitude"),
            "opens 25:00" => (good with { OpensAt = "25:00" }, "Opening time"),
            "closes 25:00" => (good with { ClosesAt = "25:00" }, "Closing time"),
            "closes 22:60" => (good with { ClosesAt = "22:60" }, "Closing time"),
            "opens 9am" => (good with { OpensAt = "9am" }, "Opening time"),
            "opens equals closes" => (good with { OpensAt = "10:00", ClosesAt = "10:00" }, "must differ"),
            "phone abc" => (good with { Phone = "abc" }, "phone"),
            "phone 12" => (good with { Phone = "12" }, "phone"),
            "phone empty" => (good with { Phone = "" }, "phone"),
            "name empty" => (good with { Name = " " }, "Store name"),
            _ => throw new ArgumentOutOfRangeException(nameof(badness), badness, null),
        };

        var detail = await merchant.Owner.PostAsJsonAsync("/api/merchant/stores", request).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains(field, StringComparison.Ordinal).ShouldBeTrue($"the message names what is wrong ({field}): {detail}");
        (await app.WithDbAsync(db => db.Stores.CountAsync(s => s.MerchantId == merchant.MerchantId))).ShouldBe(2, "only Scenario's two stores exist");
    }

    // ---- Deals ----

    public static TheoryData<string, string> BadDeals => Cases.OnEachDatabase(
        "price 0", "price negative", "original below price", "validity 0", "validity 400", "no stores", "unknown category", "title empty");

    [Theory]
    [MemberData(nameof(BadDeals))]
    public async Task A_bad_deal_is_refused_and_not_created(string database, string badness)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var good = new DealRequest("周末双人餐", "两荤一素", "food", 5_000, 8_000, 30, [merchant.HonouringStoreId]);
        var (request, field) = badness switch
        {
            "price 0" => (good with { PriceFen = 0 }, "Price must be more than zero"),
            "price negative" => (good with { PriceFen = -100 }, "Price must be more than zero"),
            "original below price" => (good with { OriginalPriceFen = 4_999 }, "Original price"),
            "validity 0" => (good with { ValidityDays = 0 }, "Validity"),
            "validity 400" => (good with { ValidityDays = 400 }, "Validity"),
            "no stores" => (good with { StoreIds = [] }, "at least one store"),
            "unknown category" => (good with { Category = "spaceships" }, "categories"),
            "title empty" => (good with { Title = "" }, "Title"),
            _ => throw new ArgumentOutOfRangeException(nameof(badness), badness, null),
        };

        var detail = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals", request).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains(field, StringComparison.Ordinal).ShouldBeTrue($"the message names what is wrong ({field}): {detail}");
        (await DealCountAsync(app, merchant.MerchantId)).ShouldBe(1, "only Scenario's deal exists");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_deal_at_an_unknown_store_is_not_found_and_not_created(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("周末双人餐", "两荤一素", "food", 5_000, 8_000, 30, [merchant.HonouringStoreId, Guid.NewGuid()])).ShouldBeProblemAsync(404, "not_found");

        (await DealCountAsync(app, merchant.MerchantId)).ShouldBe(1);
    }

    // ---- Orders and payment ----

    public static TheoryData<string, string> BadQuantities => Cases.OnEachDatabase("0", "-1", "21");

    [Theory]
    [MemberData(nameof(BadQuantities))]
    public async Task An_order_for_a_quantity_outside_1_to_20_is_refused(string database, string quantity)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();

        var detail = await consumer.Client.PostAsJsonAsync("/api/orders", new PlaceOrderRequest(merchant.DealId, int.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture)))
            .ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains("1 to 20", StringComparison.Ordinal).ShouldBeTrue(detail);
        (await OrderCountAsync(app, consumer.Id)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_order_for_an_unknown_deal_is_not_found(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync();

        await consumer.Client.PostAsJsonAsync("/api/orders", new PlaceOrderRequest(Guid.NewGuid(), 1)).ShouldBeProblemAsync(404, "not_found");

        (await OrderCountAsync(app, consumer.Id)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_order_for_a_deal_still_pending_review_is_not_found(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var pending = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("待审核套餐", "还没上线", "food", 5_000, 8_000, 30, [merchant.HonouringStoreId])).ShouldReturnAsync<DealView>(201);
        pending.Status.ShouldBe("PendingReview");

        // Consumers cannot tell an unapproved deal from one that does not exist.
        await consumer.Client.PostAsJsonAsync("/api/orders", new PlaceOrderRequest(pending.Id, 1)).ShouldBeProblemAsync(404, "not_found");

        (await OrderCountAsync(app, consumer.Id)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Paying_with_an_unknown_method_is_refused_and_takes_no_money(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(walletFen: 50_000);
        var order = await Scenario.PlaceOrderAsync(consumer, merchant.DealId, 1);

        var detail = await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("bitcoin")).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains("wallet", StringComparison.Ordinal).ShouldBeTrue($"the message lists the methods: {detail}");
        (await consumer.Client.GetFromJsonAsync<OrderView>($"/api/orders/{order.Id}"))!.State.ShouldBe("PendingPayment");
        (await consumer.Client.GetFromJsonAsync<WalletView>("/api/me/wallet"))!.BalanceFen.ShouldBe(50_000L);
        (await app.WithDbAsync(db => db.Payments.CountAsync(p => p.OrderId == order.Id))).ShouldBe(0);
    }

    // ---- Verification ----

    public static TheoryData<string, string> MalformedCodes => Cases.OnEachDatabase("12ab", "", "1234567890123", "12345678901a");

    [Theory]
    [MemberData(nameof(MalformedCodes))]
    public async Task Verifying_a_malformed_code_is_refused(string database, string code)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        var detail = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains("12 digits", StringComparison.Ordinal).ShouldBeTrue(detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verifying_an_unknown_code_is_not_found(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode()).ShouldBeProblemAsync(404, "unknown_code");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verifying_an_expired_voucher_is_refused_and_it_stays_unused(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(validityDays: 1);
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        // The app reads the system clock and HTTP cannot move it, so we age the voucher instead: its expiry,
        // one day after purchase, is moved to a minute ago, as if the day had passed.
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await app.WithDbAsync(db => db.Vouchers.Where(v => v.Id == voucher.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresAt, past)));

        var detail = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(409, "expired");

        detail.Contains("expired", StringComparison.Ordinal).ShouldBeTrue(detail);
        (await VoucherStateAsync(app, voucher.Id)).ShouldBe(VoucherState.Issued);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verifying_at_a_store_that_does_not_honour_the_deal_is_refused(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();

        var detail = await Scenario.VerifyAsync(merchant.Clerk, merchant.OtherStoreId, voucher.Code).ShouldBeProblemAsync(409, "wrong_store");

        detail.Contains("陆家嘴店", StringComparison.Ordinal).ShouldBeTrue($"the message names the store: {detail}");
        (await VoucherStateAsync(app, voucher.Id)).ShouldBe(VoucherState.Issued);
    }

    // ---- Merchant applications and review ----

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_merchant_application_with_missing_fields_names_every_field(string database)
    {
        var app = await fixture.For(database);
        var applicant = await new Scenario(app).NewConsumerAsync(0);

        var detail = await applicant.Client.PostAsJsonAsync("/api/merchant-applications", new { }).ShouldBeProblemAsync(400, "validation_failed");

        foreach (var message in new[] { "Business name is required.", "Licence number is required.", "Contact name is required.", "phone number", "categories" })
        {
            detail.Contains(message, StringComparison.Ordinal).ShouldBeTrue($"'{message}' is among the messages: {detail}");
        }

        (await ApplicationCountAsync(app, applicant.Id)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_merchant_application_in_an_unknown_category_is_refused(string database)
    {
        var app = await fixture.For(database);
        var applicant = await new Scenario(app).NewConsumerAsync(0);

        var detail = await applicant.Client.PostAsJsonAsync("/api/merchant-applications", await Scenario.ApplicationAsync(applicant.Client, "spaceships")).ShouldBeProblemAsync(400, "validation_failed");

        detail.ShouldBe("Choose one of the listed categories.", "only the category is wrong");
        (await ApplicationCountAsync(app, applicant.Id)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_second_pending_merchant_application_is_refused(string database)
    {
        var app = await fixture.For(database);
        var applicant = await new Scenario(app).NewConsumerAsync(0);
        await (await applicant.Client.PostAsJsonAsync("/api/merchant-applications", await Scenario.ApplicationAsync(applicant.Client, "food"))).ShouldHaveStatusAsync(201);

        await applicant.Client.PostAsJsonAsync("/api/merchant-applications", await Scenario.ApplicationAsync(applicant.Client, "beauty")).ShouldBeProblemAsync(409, "application_pending");

        (await ApplicationCountAsync(app, applicant.Id)).ShouldBe(1);
    }

    public static TheoryData<string, string> MissingReasons => Cases.OnEachDatabase("null", "", "   ");

    [Theory]
    [MemberData(nameof(MissingReasons))]
    public async Task Rejecting_an_application_without_a_reason_is_refused_and_leaves_it_pending(string database, string reason)
    {
        var app = await fixture.For(database);
        var applicant = await new Scenario(app).NewConsumerAsync(0);
        var application = await applicant.Client.PostAsJsonAsync("/api/merchant-applications", await Scenario.ApplicationAsync(applicant.Client, "food")).ShouldReturnAsync<ApplicationView>(201);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);

        var detail = await reviewer.PostAsJsonAsync($"/api/admin/merchant-applications/{application.Id}/reject", new RejectRequest(reason == "null" ? null : reason))
            .ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains("reason", StringComparison.Ordinal).ShouldBeTrue(detail);
        var mine = await applicant.Client.GetFromJsonAsync<List<ApplicationView>>("/api/merchant-applications/mine");
        mine!.Single().Status.ShouldBe("Pending");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approving_an_application_twice_is_refused_and_creates_one_merchant(string database)
    {
        var app = await fixture.For(database);
        var applicant = await new Scenario(app).NewConsumerAsync(0);
        var application = await applicant.Client.PostAsJsonAsync("/api/merchant-applications", await Scenario.ApplicationAsync(applicant.Client, "food")).ShouldReturnAsync<ApplicationView>(201);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await (await reviewer.PostAsync($"/api/admin/merchant-applications/{application.Id}/approve", null)).ShouldHaveStatusAsync(200);

        await reviewer.PostAsync($"/api/admin/merchant-applications/{application.Id}/approve", null).ShouldBeProblemAsync(409, "already_reviewed");
        await reviewer.PostAsJsonAsync($"/api/admin/merchant-applications/{application.Id}/reject", new RejectRequest("改主意了"))
            .ShouldBeProblemAsync(409, "already_reviewed");

        (await app.WithDbAsync(db => db.Merchants.CountAsync(m => m.OwnerUserId == applicant.Id))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approving_a_deal_twice_is_refused(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);

        // Scenario's deal is already approved.
        await reviewer.PostAsync($"/api/admin/deals/{merchant.DealId}/approve", null).ShouldBeProblemAsync(409, "already_reviewed");
        await reviewer.PostAsJsonAsync($"/api/admin/deals/{merchant.DealId}/reject", new RejectRequest("改主意了")).ShouldBeProblemAsync(409, "already_reviewed");

        (await app.WithDbAsync(db => db.Deals.Where(d => d.Id == merchant.DealId).Select(d => d.Status).SingleAsync())).ShouldBe(DealStatus.Approved);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Rejecting_a_deal_without_a_reason_is_refused_and_leaves_it_pending(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var pending = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("待审核套餐", "还没上线", "food", 5_000, 8_000, 30, [merchant.HonouringStoreId])).ShouldReturnAsync<DealView>(201);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);

        await reviewer.PostAsJsonAsync($"/api/admin/deals/{pending.Id}/reject", new RejectRequest(" ")).ShouldBeProblemAsync(400, "validation_failed");

        (await merchant.Owner.GetFromJsonAsync<DealView>($"/api/merchant/deals/{pending.Id}"))!.Status.ShouldBe("PendingReview");
    }

    // ---- Reviews ----

    public static TheoryData<string, string> BadRatings => Cases.OnEachDatabase("0", "6", "-1");

    [Theory]
    [MemberData(nameof(BadRatings))]
    public async Task A_review_rating_outside_1_to_5_is_refused(string database, string rating)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();

        var detail = await consumer.Client.PostAsJsonAsync("/api/reviews",
            new ReviewRequest(voucher.Id, int.Parse(rating, System.Globalization.CultureInfo.InvariantCulture), "还行")).ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains("1 to 5", StringComparison.Ordinal).ShouldBeTrue(detail);
        (await app.WithDbAsync(db => db.Reviews.CountAsync(r => r.VoucherId == voucher.Id))).ShouldBe(0);
    }

    // ---- Unknown ids ----

    public static TheoryData<string, string> UnknownIdApis => Cases.OnEachDatabase(
        "anonymous GET /api/deals/{id}",
        "anonymous GET /api/stores/{id}",
        "anonymous GET /api/stores/{id}/reviews",
        "anonymous GET /api/deals/{id}/reviews",
        "consumer GET /api/orders/{id}",
        "consumer POST /api/orders/{id}/pay",
        "consumer POST /api/me/vouchers/{id}/refund",
        "consumer POST /api/reviews",
        "owner GET /api/merchant/deals/{id}",
        "reviewer POST /api/admin/merchant-applications/{id}/approve",
        "reviewer POST /api/admin/merchant-applications/{id}/reject",
        "reviewer POST /api/admin/deals/{id}/approve",
        "reviewer POST /api/admin/deals/{id}/reject");

    [Theory]
    [MemberData(nameof(UnknownIdApis))]
    public async Task An_unknown_id_is_not_found(string database, string callerAndApi)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var id = Guid.NewGuid();
        var (caller, api) = callerAndApi.Split(' ', 2) switch { [var c, var a] => (c, a.Replace("{id}", id.ToString(), StringComparison.Ordinal)), _ => throw new ArgumentException(callerAndApi) };
        var client = caller switch
        {
            "anonymous" => app.Anonymous(),
            "consumer" => (await scenario.NewConsumerAsync()).Client,
            "owner" => (await scenario.NewMerchantAsync()).Owner,
            "reviewer" => await app.SignInAsync(TestApp.ReviewerEmail),
            _ => throw new ArgumentException(caller),
        };
        object? body = api switch
        {
            _ when api.EndsWith("/pay", StringComparison.Ordinal) => new PayRequest("wallet"),
            _ when api.EndsWith("/reject", StringComparison.Ordinal) => new RejectRequest("不合格"),
            "POST /api/reviews" => new ReviewRequest(id, 5, "不存在的券"),
            _ => null,
        };

        await client.SendAsync(api, body).ShouldBeProblemAsync(404, "not_found");
    }

    /// <summary>Real codes never start with 0 (see VoucherCode.NewRandom), so this 12-digit code is certainly unknown.</summary>
    private static string UnknownCode() => "0" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<int> DealCountAsync(TestApp app, Guid merchantId) => app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchantId));

    private static Task<int> OrderCountAsync(TestApp app, Guid consumerId) => app.WithDbAsync(db => db.Orders.CountAsync(o => o.ConsumerId == consumerId));

    private static Task<int> ApplicationCountAsync(TestApp app, Guid applicantId) =>
        app.WithDbAsync(db => db.MerchantApplications.CountAsync(a => a.ApplicantUserId == applicantId));

    private static Task<VoucherState> VoucherStateAsync(TestApp app, Guid voucherId) =>
        app.WithDbAsync(db => db.Vouchers.Where(v => v.Id == voucherId).Select(v => v.State).SingleAsync());
}
