using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ExternalCodes;

/// <summary>
/// The platform is another company's service: it times out, fails, or rejects our signature. The clerk gets a
/// clear refusal, and we never count a consumption the platform did not make, nor miss one it did.
/// </summary>
public sealed class ExternalCodesFailureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_timeout_or_a_5xx_before_consuming_is_refused_and_nothing_is_consumed(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var slow = (await VoucherPlatform.SellAsync(app, shop, fault: SandboxFaults.Timeout)).Single();
        var failing = (await VoucherPlatform.SellAsync(app, shop, fault: SandboxFaults.ServerError)).Single();

        foreach (var code in new[] { slow, failing })
        {
            var (english, chinese) = await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code), 503, "platform_unavailable");
            english.Contains("Nothing was consumed", StringComparison.Ordinal).ShouldBeTrue(english);
            chinese.Contains("未核销", StringComparison.Ordinal).ShouldBeTrue(chinese);
            (await VoucherPlatform.CodeAsync(app, code)).State.ShouldBe(SandboxCodeState.Unused, "the platform did nothing");
        }

        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Days.Count.ShouldBe(0, "nothing is owed");
        (await VoucherPlatform.ConsumptionsAsync(merchant.Clerk)).Count.ShouldBe(0, "nothing is shown as consumed or pending");
        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Count(e => !e.Succeeded && e.ExternalPlatform == "sandbox").ShouldBe(2);

        // The platform recovers: the same codes go through.
        await VoucherPlatform.SetFaultAsync(app, slow, null);
        await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, slow).ShouldReturnAsync<ExternalConsumptionResult>();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consume_whose_answer_was_lost_is_confirmed_by_request_id(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var code = (await VoucherPlatform.SellAsync(app, shop, settlementFen: 7_700, fault: SandboxFaults.TimeoutAfterConsume)).Single();

        // The platform consumed, then never answered: we ask it by our request id and record what it did.
        var consumed = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldReturnAsync<ExternalConsumptionResult>();
        consumed.SettlementFen.ShouldBe(7_700L);
        (await VoucherPlatform.ConsumptionsOnPlatformAsync(app, code)).ShouldBe(1);
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Totals.Single().SettlementFen.ShouldBe(7_700L);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_unconfirmed_consume_is_not_counted_and_its_retry_with_the_same_request_id_consumes_once(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var code = (await VoucherPlatform.SellAsync(app, shop, fault: SandboxFaults.OutageAfterConsume)).Single();

        // Consumed on the platform, but it went down before answering, and cannot be asked.
        var (_, chinese) = await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code), 503, "platform_unconfirmed");
        chinese.Contains("不会重复核销", StringComparison.Ordinal).ShouldBeTrue(chinese);
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Days.Count.ShouldBe(0, "an unconfirmed consumption is not counted");
        (await VoucherPlatform.ConsumptionsAsync(merchant.Clerk)).Single().State.ShouldBe("Pending");
        await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Owner, merchant.HonouringStoreId, code), 503, "platform_unconfirmed");

        // The platform is back; pressing verify again repeats the same request: the platform's one consumption is recorded.
        await VoucherPlatform.SetFaultAsync(app, code, null);
        var consumed = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldReturnAsync<ExternalConsumptionResult>();
        (await VoucherPlatform.ConsumptionsOnPlatformAsync(app, code)).ShouldBe(1, "the platform consumed once");
        var rows = await app.WithDbAsync(db => db.ExternalConsumptions.AsNoTracking().Where(c => c.Code == code).ToListAsync());
        rows.Select(r => r.State).ShouldBeEquivalentTo([ExternalConsumptionState.Consumed]);
        rows.Single().Id.ShouldBe(consumed.ConsumptionId);
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Totals.Single().Count.ShouldBe(1);
        await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code), 409, "already_verified");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_same_request_id_twice_consumes_once_on_the_platform(string database)
    {
        var app = await fixture.For(database);
        var shop = await VoucherPlatform.OpenShopAsync(app);
        var code = (await VoucherPlatform.SellAsync(app, shop)).Single();
        var client = app.Anonymous();

        var first = await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/consume", new ConsumeRequest(code, "req-1", "store-1"))).ShouldReturnAsync<ConsumptionInfo>();
        var second = await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/consume", new ConsumeRequest(code, "req-1", "store-1"))).ShouldReturnAsync<ConsumptionInfo>();
        second.ConsumptionId.ShouldBe(first.ConsumptionId, "the repeat answers the first consumption");
        (await VoucherPlatform.ConsumptionsOnPlatformAsync(app, code)).ShouldBe(1);
        await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/consume", new ConsumeRequest(code, "req-2", "store-1"))).ShouldBeProblemAsync(409, "code_consumed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_rejected_signature_is_refused_clearly_and_nothing_is_consumed(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        // Linking with a wrong secret is refused before anything is kept.
        var shop = await VoucherPlatform.OpenShopAsync(app);
        await VoucherPlatform.RefusalAsync(merchant.Owner.PutAsJsonAsync("/api/merchant/external-platforms", new BindRequest("sandbox", shop.ShopId, "not-the-secret")),
            502, "platform_rejected_credentials");
        (await merchant.Owner.GetFromJsonAsync<List<BindingView>>("/api/merchant/external-platforms"))!.Count.ShouldBe(0);

        // Linked, then the shop rotates its secret on the platform: our signed calls are rejected.
        await merchant.Owner.PutAsJsonAsync("/api/merchant/external-platforms", new BindRequest("sandbox", shop.ShopId, shop.Secret)).ShouldReturnAsync<BindingView>();
        var code = (await VoucherPlatform.SellAsync(app, shop)).Single();
        await app.WithDbAsync(db => db.Set<SandboxPlatformShop>().Where(s => s.ShopId == shop.ShopId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Secret, "rotated-secret-0123456789")));
        var (english, chinese) = await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code), 502, "platform_rejected_credentials");
        english.Contains("link the shop again", StringComparison.Ordinal).ShouldBeTrue(english);
        chinese.Contains("重新绑定", StringComparison.Ordinal).ShouldBeTrue(chinese);
        (await VoucherPlatform.CodeAsync(app, code)).State.ShouldBe(SandboxCodeState.Unused);
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Days.Count.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_platform_rejects_forged_tampered_stale_and_replayed_requests(string database)
    {
        var app = await fixture.For(database);
        var shop = await VoucherPlatform.OpenShopAsync(app);
        var code = (await VoucherPlatform.SellAsync(app, shop)).Single();
        var client = app.Anonymous();
        var consume = new ConsumeRequest(code, "req-forged", "store-1");

        // Signed with a guessed secret.
        await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/consume", consume, secret: "guessed-secret")).ShouldBeProblemAsync(401, "bad_signature");
        // A genuine signature over another body: the body was changed on the way.
        var genuine = new ConsumeRequest("EX23456789", "req-forged", "store-1");
        await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/query", genuine,
            bodyOverride: System.Text.Json.JsonSerializer.Serialize(new CodeQueryRequest(code), System.Text.Json.JsonSerializerOptions.Web))).ShouldBeProblemAsync(401, "bad_signature");
        // Signed correctly, ten minutes ago.
        await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/consume", consume, at: app.Clock.GetUtcNow().AddMinutes(-10))).ShouldBeProblemAsync(401, "bad_signature");
        // No signature at all.
        await client.PostAsJsonAsync(VoucherPlatform.Api + "/codes/consume", consume).ShouldBeProblemAsync(401, "bad_signature");
        (await VoucherPlatform.CodeAsync(app, code)).State.ShouldBe(SandboxCodeState.Unused, "none of them did anything");

        // A genuine query, then the very same request replayed.
        await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/query", new CodeQueryRequest(code), nonce: "nonce-replayed-1")).ShouldReturnAsync<CodeInfo>();
        await client.SendAsync(VoucherPlatform.Signed(app, shop, "/codes/query", new CodeQueryRequest(code), nonce: "nonce-replayed-1")).ShouldBeProblemAsync(401, "bad_signature");
    }
}
