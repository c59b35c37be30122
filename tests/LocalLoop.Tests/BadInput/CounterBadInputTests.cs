using System.Net.Http.Json;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.BadInput;

/// <summary>The counter's lookup and batch refuse bad input plainly, and guessing phone numbers is paused like guessing codes.</summary>
public sealed class CounterBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_empty_or_oversized_batch_is_refused_with_400(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 100);
        var consumer = await scenario.NewConsumerAsync();
        // An order holds at most 20: buy 21 in two.
        var vouchers = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, VoucherVerification.MaxBatchSize))
            .Concat(await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).ToList();

        await Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, []).ShouldBeProblemAsync(400, "validation_failed");
        await merchant.Clerk.PostAsJsonAsync("/api/merchant/verifications/batch", new { storeId = merchant.HonouringStoreId }).ShouldBeProblemAsync(400, "validation_failed");
        var detail = await Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers.Select(v => v.Id)).ShouldBeProblemAsync(400, "validation_failed");
        detail.Contains("At most 20", StringComparison.Ordinal).ShouldBeTrue(detail);
        await Scenario.VerifyBatchAsync(merchant.Clerk, merchant.HonouringStoreId, [vouchers[0].Id, vouchers[0].Id]).ShouldBeProblemAsync(400, "validation_failed");
        await merchant.Clerk.PostAsJsonAsync("/api/merchant/verifications/batch",
            new BatchVerifyRequest(merchant.HonouringStoreId, [vouchers[0].Id], [vouchers[1].Code])).ShouldBeProblemAsync(400, "validation_failed");
        await merchant.Clerk.PostAsJsonAsync("/api/merchant/verifications/batch",
            new BatchVerifyRequest(merchant.HonouringStoreId, Codes: ["12345"])).ShouldBeProblemAsync(400, "validation_failed");

        (await Scenario.VouchersAsync(consumer)).All(v => v.State == nameof(VoucherState.Issued)).ShouldBeTrue("nothing was verified");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_malformed_phone_is_400_and_an_unknown_one_404(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        await Scenario.LookUpAsync(merchant.Clerk, merchant.HonouringStoreId, "not a phone").ShouldBeProblemAsync(400, "validation_failed");
        await Scenario.LookUpAsync(merchant.Clerk, merchant.HonouringStoreId, "12").ShouldBeProblemAsync(400, "validation_failed");
        var detail = await Scenario.LookUpAsync(merchant.Clerk, merchant.HonouringStoreId, Scenario.NewPhone()).ShouldBeProblemAsync(404, "unknown_phone");
        detail.ShouldBe("No customer of this merchant has this phone number.");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Repeated_unknown_phone_lookups_are_paused_with_429(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(phone: phone);
        await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1);

        for (var i = 0; i < VoucherVerification.MaxFailuresPerWindow; i++)
        {
            await Scenario.LookUpAsync(merchant.Clerk, merchant.HonouringStoreId, Scenario.NewPhone()).ShouldBeProblemAsync(404, "unknown_phone");
        }

        // Paused: even a real customer's phone, and typed codes too.
        var response = await Scenario.LookUpAsync(merchant.Clerk, merchant.HonouringStoreId, phone);
        await response.ShouldHaveStatusAsync(429);
        (response.Headers.RetryAfter?.Delta is not null).ShouldBeTrue("a 429 says when to retry");
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, "1234 5678 9012").ShouldBeProblemAsync(429, "rate_limited");
        (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(a => a.MerchantId == merchant.MerchantId && !a.Succeeded)))
            .ShouldBe(VoucherVerification.MaxFailuresPerWindow + 2, "every unknown phone and every paused attempt is in the log");

        // A colleague is not paused.
        var colleague = await app.SignInAsync(merchant.OwnerEmail);
        (await Scenario.LookUpAsync(colleague, merchant.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>()).Vouchers.Count.ShouldBe(1);
        await app.AssertLedgerBalancedAsync();
    }
}
