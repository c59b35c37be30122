using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.ExternalCodes;

/// <summary>A merchant's platform binding and its external consumptions are its own: another merchant's staff can neither use nor see them.</summary>
public sealed class ExternalCodesTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_clerk_cannot_use_this_binding_or_see_its_consumptions(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var mine = await scenario.NewMerchantAsync();
        var theirs = await scenario.NewMerchantAsync();
        var myShop = await VoucherPlatform.BindAsync(app, mine);
        await VoucherPlatform.BindAsync(app, theirs);
        var codes = await VoucherPlatform.SellAsync(app, myShop, count: 2);
        var consumed = await VoucherPlatform.ConsumeAsync(mine.Clerk, mine.HonouringStoreId, codes[0]).ShouldReturnAsync<ExternalConsumptionResult>();

        // Their clerk, at their store: our code is unknown on their shop; at our store: no such store.
        await VoucherPlatform.ConsumeAsync(theirs.Clerk, theirs.HonouringStoreId, codes[1]).ShouldBeProblemAsync(404, "unknown_code");
        await VoucherPlatform.QueryAsync(theirs.Clerk, mine.HonouringStoreId, codes[1]).ShouldBeProblemAsync(404, "not_found");
        await VoucherPlatform.ConsumeAsync(theirs.Clerk, mine.HonouringStoreId, codes[1]).ShouldBeProblemAsync(404, "not_found");
        (await VoucherPlatform.CodeAsync(app, codes[1])).State.ShouldBe(SandboxCodeState.Unused);

        // Our consumption: not reversible, not listed, not in their settlement or log.
        await VoucherPlatform.ReverseAsync(theirs.Clerk, consumed.ConsumptionId, "not mine").ShouldBeProblemAsync(404, "not_found");
        await VoucherPlatform.ReverseAsync(theirs.Owner, consumed.ConsumptionId, "not mine").ShouldBeProblemAsync(404, "not_found");
        (await VoucherPlatform.ConsumptionsAsync(theirs.Clerk)).Count.ShouldBe(0);
        (await VoucherPlatform.SettlementAsync(theirs.Owner)).Days.Count.ShouldBe(0);
        (await theirs.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!.Any(e => e.Code == codes[0]).ShouldBe(false);
        (await theirs.Owner.GetFromJsonAsync<List<BindingView>>("/api/merchant/external-platforms"))!.Single().ShopId.Equals(myShop.ShopId, StringComparison.Ordinal).ShouldBe(false);

        // Taking over our shop needs its secret, and even with it the shop stays ours.
        await theirs.Owner.PutAsJsonAsync("/api/merchant/external-platforms", new BindRequest("sandbox", myShop.ShopId, "guess"))
            .ShouldBeProblemAsync(502, "platform_rejected_credentials");
        await theirs.Owner.PutAsJsonAsync("/api/merchant/external-platforms", new BindRequest("sandbox", myShop.ShopId, myShop.Secret))
            .ShouldBeProblemAsync(409, "shop_bound_elsewhere");

        // A clerk does not manage bindings or see the settlement.
        await (await mine.Clerk.PutAsJsonAsync("/api/merchant/external-platforms", new BindRequest("sandbox", myShop.ShopId, myShop.Secret))).ShouldHaveStatusAsync(403);
        await (await mine.Clerk.GetAsync("/api/merchant/external-platforms/settlement")).ShouldHaveStatusAsync(403);
    }
}
