using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Vouchers;

/// <summary>
/// A clerk who keeps typing codes that do not exist is paused (guessing codes must be pointless), without
/// pausing colleagues, and the verification log keeps every attempt for the owner to see.
/// </summary>
public sealed class VerificationRateLimitTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Limit = VoucherVerification.MaxFailuresPerWindow;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_who_typed_ten_unknown_codes_is_refused_with_429(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        await TypeUnknownCodesAsync(merchant, Limit);

        var detail = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode(99)).ShouldBeProblemAsync(429, "rate_limited");
        detail.Contains("Try again in", StringComparison.Ordinal).ShouldBeTrue(detail);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Nine_unknown_codes_are_not_yet_limited(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        await TypeUnknownCodesAsync(merchant, Limit - 1);

        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode(99)).ShouldBeProblemAsync(404, "unknown_code");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_429_says_when_to_retry_in_a_Retry_After_header(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        await TypeUnknownCodesAsync(merchant, Limit);

        var response = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode(99));

        await response.ShouldHaveStatusAsync(429);
        var retryAfter = response.Headers.RetryAfter;
        (retryAfter?.Delta is not null).ShouldBeTrue($"a 429 carries Retry-After in seconds; headers were: {response.Headers}");
        var seconds = retryAfter!.Delta!.Value.TotalSeconds;
        (seconds > 0 && seconds <= VoucherVerification.FailureWindow.TotalSeconds).ShouldBeTrue($"Retry-After {seconds}s is within the 10-minute window");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_clerk_of_the_same_merchant_is_not_limited(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var colleague = await NewClerkAsync(app, merchant);
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        await TypeUnknownCodesAsync(merchant, Limit);

        await Scenario.VerifyAsync(colleague, merchant.HonouringStoreId, UnknownCode(99)).ShouldBeProblemAsync(404, "unknown_code");
        var verified = await Scenario.VerifyAsync(colleague, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();

        verified.VoucherId.ShouldBe(voucher.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_real_code_is_refused_while_the_clerk_is_limited_and_stays_usable(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        await TypeUnknownCodesAsync(merchant, Limit);

        // Otherwise a guesser could keep going and learn which guesses are real.
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(429, "rate_limited");

        (await app.WithDbAsync(db => db.Vouchers.Where(v => v.Id == voucher.Id).Select(v => v.State).SingleAsync())).ShouldBe(VoucherState.Issued);
        await Scenario.VerifyAsync(merchant.Owner, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Every_wrong_code_appears_in_the_verification_log(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        var typed = await TypeUnknownCodesAsync(merchant, Limit);

        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Select(e => e.Code).Order().ShouldBeSequence(typed.Order());
        log.All(e => !e.Succeeded && e.ClerkName == "店员 Clerk" && e.StoreName == "人民广场店").ShouldBeTrue("each entry shows who, where and that it failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Attempts_refused_while_limited_also_appear_in_the_verification_log(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var typed = await TypeUnknownCodesAsync(merchant, Limit);
        var refusedUnknown = UnknownCode(99);
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, refusedUnknown).ShouldBeProblemAsync(429, "rate_limited");
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(429, "rate_limited");

        var log = await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications");

        // The owner should see that the clerk kept trying, including a real customer's code, after the pause began.
        log!.Select(e => e.Code).Order().ShouldBeSequence(typed.Append(refusedUnknown).Append(voucher.Code).Order(), "all 12 attempts are logged");
    }

    /// <summary>The Scenario clerk types <paramref name="count"/> distinct 12-digit codes that exist nowhere; each is 404.</summary>
    private static async Task<List<string>> TypeUnknownCodesAsync(MerchantSetup merchant, int count)
    {
        var codes = Enumerable.Range(0, count).Select(UnknownCode).ToList();
        foreach (var code in codes)
        {
            await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, code).ShouldBeProblemAsync(404, "unknown_code");
        }

        return codes;
    }

    /// <summary>Real codes never start with 0 (VoucherCode.NewRandom), so these are certainly unknown; distinct per <paramref name="n"/>.</summary>
    private static string UnknownCode(int n) => $"0{n:D2}{Random.Shared.Next(100_000_000, 999_999_999)}";

    private static async Task<HttpClient> NewClerkAsync(TestApp app, MerchantSetup merchant)
    {
        var email = $"k{Guid.NewGuid():N}@test.localloop";
        await (await merchant.Owner.PostAsJsonAsync("/api/merchant/staff/clerks", new ClerkRequest(email, "同事 Colleague", TestApp.Password))).ShouldHaveStatusAsync(201);
        return await app.SignInAsync(email);
    }
}
