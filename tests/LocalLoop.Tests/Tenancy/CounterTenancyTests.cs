using System.Net.Http.Json;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>The counter's lookup and batch never reach another merchant's vouchers.</summary>
public sealed class CounterTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_cannot_batch_verify_another_merchants_vouchers(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var ofA = (await Scenario.BuyWithWalletAsync(consumer, a.DealId, 1)).Single();
        var ofB = await Scenario.BuyWithWalletAsync(consumer, b.DealId, 2);

        await Scenario.VerifyBatchAsync(a.Clerk, a.HonouringStoreId, ofB.Select(v => v.Id)).ShouldBeProblemAsync(404, "voucher_not_found");
        // Mixed with one of A's own: still refused as a whole, A's voucher unchanged too.
        await Scenario.VerifyBatchAsync(a.Clerk, a.HonouringStoreId, [ofA.Id, ofB[0].Id]).ShouldBeProblemAsync(404, "voucher_not_found");
        // By codes: B's codes are unknown to A.
        await a.Clerk.PostAsJsonAsync("/api/merchant/verifications/batch", new BatchVerifyRequest(a.HonouringStoreId, Codes: ofB.Select(v => v.Code).ToList()))
            .ShouldBeProblemAsync(404, "voucher_not_found");
        // A's clerk cannot use B's store either.
        await Scenario.VerifyBatchAsync(a.Clerk, b.HonouringStoreId, [ofA.Id]).ShouldBeProblemAsync(404, "not_found");

        (await Scenario.VouchersAsync(consumer)).All(v => v.State == nameof(VoucherState.Issued)).ShouldBeTrue("nothing of B's (or A's) changed");
        (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Kind == "verification" && (e.ReferenceId == ofA.Id || e.ReferenceId == ofB[0].Id || e.ReferenceId == ofB[1].Id))))
            .ShouldBe(0);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_phone_lookup_never_leaks_another_merchants_vouchers(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(phone: phone);
        var ofB = await Scenario.BuyWithWalletAsync(consumer, b.DealId, 2);

        // The customer holds only B's vouchers: for A, this phone is no customer at all.
        await Scenario.LookUpAsync(a.Clerk, a.HonouringStoreId, phone).ShouldBeProblemAsync(404, "unknown_phone");
        // B's own clerk sees them; A's clerk may not look up at B's store.
        (await Scenario.LookUpAsync(b.Clerk, b.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>()).Vouchers.Count.ShouldBe(2);
        await Scenario.LookUpAsync(a.Clerk, b.HonouringStoreId, phone).ShouldBeProblemAsync(404, "not_found");

        var ofA = (await Scenario.BuyWithWalletAsync(consumer, a.DealId, 1)).Single();
        var lookup = await Scenario.LookUpAsync(a.Clerk, a.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>();
        lookup.Vouchers.Select(v => v.Id).ShouldBeEquivalentTo([ofA.Id]);
        await app.AssertLedgerBalancedAsync();
    }
}
