using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Discovery;
using LocalLoop.Merchants;
using LocalLoop.Ordering;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Onboarding;

/// <summary>
/// An admin freezes a merchant: its deals leave nearby search and its store page, buying is refused with 409,
/// vouchers already paid still verify at the counter, and the owner sees why. Unfreezing brings it all back.
/// </summary>
public sealed class MerchantFreezeClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_frozen_merchant_vanishes_and_refuses_orders_but_paid_vouchers_verify_until_it_is_unfrozen(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        // A spot of its own, so other tests' deals do not crowd the nearby page.
        var area = TestArea.Next();
        var (latitude, longitude) = (area.Latitude, area.Longitude);
        var merchant = await scenario.NewMerchantAsync(latitude: latitude, longitude: longitude);
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        (await NearbyAsync(consumer, latitude, longitude, merchant.DealId)).ShouldBeTrue("found before the freeze");

        await admin.PostAsJsonAsync($"/api/admin/merchants/{merchant.MerchantId}/freeze", new FreezeRequest(" ")).ShouldBeProblemAsync(400, "validation_failed");
        await (await admin.PostAsJsonAsync($"/api/admin/merchants/{merchant.MerchantId}/freeze", new FreezeRequest("多名顾客投诉食品安全问题，核查期间暂停营业"))).ShouldHaveStatusAsync(204);
        await admin.PostAsJsonAsync($"/api/admin/merchants/{merchant.MerchantId}/freeze", new FreezeRequest("again")).ShouldBeProblemAsync(409, "merchant_not_active");

        (await NearbyAsync(consumer, latitude, longitude, merchant.DealId)).ShouldBe(false, "gone from nearby deals");
        await consumer.Client.GetAsync($"/api/stores/{merchant.HonouringStoreId}").ShouldBeProblemAsync(404, "not_found");
        await consumer.Client.GetAsync($"/api/stores/{merchant.HonouringStoreId}/photos").ShouldBeProblemAsync(404, "not_found");
        var refusal = await consumer.Client.PostAsJsonAsync("/api/orders", new PlaceOrderRequest(merchant.DealId, 1));
        await refusal.ShouldHaveStatusAsync(409);
        using (var problem = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("code").GetString().ShouldBe("merchant_frozen");
            problem.RootElement.GetProperty("detailZh").GetString()!.Contains("暂停营业", StringComparison.Ordinal).ShouldBeTrue("the refusal is in Chinese too");
        }

        await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code)).ShouldHaveStatusAsync(200);
        var console = await merchant.Owner.GetStringAsync("/merchant");
        console.Contains("多名顾客投诉食品安全问题", StringComparison.Ordinal).ShouldBeTrue("the owner's console shows the reason");
        await OnboardingClosedLoopTests.DeliverAsync(app);
        (await OnboardingClosedLoopTests.InboxAsync(merchant.Owner)).Any(n => n.Body.Contains("食品安全", StringComparison.Ordinal)).ShouldBeTrue("the owner is told");
        var frozenList = await admin.GetFromJsonAsync<List<MerchantAdminView>>("/api/admin/merchants?status=Frozen");
        frozenList!.Any(m => m.Id == merchant.MerchantId && m.FrozenReason == "多名顾客投诉食品安全问题，核查期间暂停营业").ShouldBeTrue("listed as frozen with its reason");

        await (await admin.PostAsync($"/api/admin/merchants/{merchant.MerchantId}/unfreeze", null)).ShouldHaveStatusAsync(204);
        await admin.PostAsync($"/api/admin/merchants/{merchant.MerchantId}/unfreeze", null).ShouldBeProblemAsync(409, "merchant_not_frozen");

        (await NearbyAsync(consumer, latitude, longitude, merchant.DealId)).ShouldBeTrue("back in nearby deals");
        await (await consumer.Client.GetAsync($"/api/stores/{merchant.HonouringStoreId}")).ShouldHaveStatusAsync(200);
        (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Count.ShouldBe(1, "buying works again");
        (await merchant.Owner.GetStringAsync("/merchant")).Contains("frozen-banner", StringComparison.Ordinal).ShouldBe(false, "the banner is gone");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_admins_freezing_at_once_get_one_success_and_one_409(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var admin = await app.SignInAsync(TestApp.AdminEmail);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            admin.PostAsJsonAsync($"/api/admin/merchants/{merchant.MerchantId}/freeze", new FreezeRequest($"原因 {i}"))));

        answers.Count(a => (int)a.StatusCode == 204).ShouldBe(1, "exactly one freeze wins");
        answers.Count(a => (int)a.StatusCode == 409).ShouldBe(3, "the others are told it is already frozen");
        var owner = (await app.WithDbAsync(db => Task.FromResult(db.Merchants.Single(m => m.Id == merchant.MerchantId)))).OwnerUserId.ToString();
        var outbox = await app.WithDbAsync(db => Task.FromResult(db.OutboxMessages.AsEnumerable()
            .Count(m => m.Type.EndsWith(nameof(MerchantFrozen), StringComparison.Ordinal) && m.Payload.Contains(owner, StringComparison.OrdinalIgnoreCase))));
        outbox.ShouldBe(1, "the owner is told once");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Freezing_an_unknown_merchant_answers_404(string database)
    {
        var app = await fixture.For(database);
        var admin = await app.SignInAsync(TestApp.AdminEmail);

        await admin.PostAsJsonAsync($"/api/admin/merchants/{Guid.NewGuid()}/freeze", new FreezeRequest("test")).ShouldBeProblemAsync(404, "not_found");
        await admin.PostAsync($"/api/admin/merchants/{Guid.NewGuid()}/unfreeze", null).ShouldBeProblemAsync(404, "not_found");
    }

    private static async Task<bool> NearbyAsync(Consumer consumer, double latitude, double longitude, Guid dealId)
    {
        var page = await consumer.Client.GetFromJsonAsync<NearbyPage>(
            FormattableString.Invariant($"/api/deals/nearby?lat={latitude}&lng={longitude}&radiusKm=1&pageSize=50"));
        return page!.Items.Any(i => i.DealId == dealId);
    }
}
