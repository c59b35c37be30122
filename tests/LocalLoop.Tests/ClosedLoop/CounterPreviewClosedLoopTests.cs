using System.Net.Http.Json;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// Before confirming, the counter shows what a voucher is for, its rules, and why it cannot be used now if it
/// cannot — the same reasons a verification gives. Previewing changes nothing, and is no way around the pause.
/// </summary>
public sealed class CounterPreviewClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_previews_a_usable_voucher_then_confirms_it(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 8_800);
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();

        var preview = await PreviewAsync(merchant.Clerk, merchant.HonouringStoreId, $"{voucher.Code[..4]} {voucher.Code[4..8]} {voucher.Code[8..]}")
            .ShouldReturnAsync<CounterPreview>();

        preview.Usable.ShouldBeTrue("an unused voucher at the honouring store");
        (preview.ReasonCode is null && preview.Reason is null && preview.ReasonZh is null).ShouldBeTrue("no reason when usable");
        preview.VoucherId.ShouldBe(voucher.Id);
        preview.DealTitle.ShouldBe("双人火锅套餐");
        preview.DealContents.ShouldBe("锅底 + 肥牛 + 毛肚 + 蔬菜拼盘");
        preview.ValueFen.ShouldBe(8_800L);
        preview.ValidUntil.ShouldBe(voucher.ExpiresAt);
        preview.RefundPolicy.ShouldBe("AnyTime");
        preview.RefundPolicyNameZh.ShouldBe("随时退 · 过期自动退");
        preview.HonouredAt.Select(s => s.Name).ShouldBeEquivalentTo(["人民广场店"]);
        preview.StoreName.ShouldBe("人民广场店");
        preview.State.ShouldBe(nameof(VoucherState.Issued));
        (await Scenario.VouchersAsync(consumer)).Single().State.ShouldBe(nameof(VoucherState.Issued), "a preview changes nothing");
        (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(a => a.VoucherId == voucher.Id))).ShouldBe(0, "a preview of a known voucher is no attempt");

        // Confirm: the ordinary verification.
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        verified.VoucherId.ShouldBe(voucher.Id);
        (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(a => a.VoucherId == voucher.Id))).ShouldBe(1, "preview + confirm is one logged attempt");

        var again = await PreviewAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<CounterPreview>();
        again.Usable.ShouldBe(false);
        again.ReasonCode.ShouldBe("already_verified");
        again.State.ShouldBe(nameof(VoucherState.Verified));
        (again.ReasonZh ?? "").Contains("核销，不能重复使用", StringComparison.Ordinal).ShouldBeTrue(again.ReasonZh);
        (again.Reason ?? "").Contains("already used", StringComparison.Ordinal).ShouldBeTrue(again.Reason);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_preview_says_why_a_refunded_or_wrong_store_voucher_cannot_be_used_and_confirming_is_refused_alike(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2);
        await (await consumer.Client.PostAsync($"/api/me/vouchers/{vouchers[0].Id}/refund", null)).ShouldHaveStatusAsync(200);

        var refunded = await PreviewAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code).ShouldReturnAsync<CounterPreview>();
        (refunded.Usable, refunded.ReasonCode, refunded.State).ShouldBe((false, "refunded", nameof(VoucherState.Refunded)));
        refunded.ReasonZh.ShouldBe("该券已退款，不能再使用。");
        refunded.Reason.ShouldBe("This voucher was refunded and can no longer be used.");
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code).ShouldBeProblemAsync(409, "refunded");

        var wrongStore = await PreviewAsync(merchant.Clerk, merchant.OtherStoreId, vouchers[1].Code).ShouldReturnAsync<CounterPreview>();
        (wrongStore.Usable, wrongStore.ReasonCode, wrongStore.StoreName).ShouldBe((false, "wrong_store", "陆家嘴店"));
        (wrongStore.ReasonZh ?? "").Contains("不适用于陆家嘴店", StringComparison.Ordinal).ShouldBeTrue(wrongStore.ReasonZh);
        (wrongStore.Reason ?? "").Contains("not honoured at 陆家嘴店", StringComparison.Ordinal).ShouldBeTrue(wrongStore.Reason);
        wrongStore.HonouredAt.Select(s => s.Name).ShouldBeEquivalentTo(["人民广场店"]);
        await Scenario.VerifyAsync(merchant.Clerk, merchant.OtherStoreId, vouchers[1].Code).ShouldBeProblemAsync(409, "wrong_store");

        // At the right store, the same voucher is fine, and confirming it works.
        (await PreviewAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[1].Code).ShouldReturnAsync<CounterPreview>()).Usable.ShouldBeTrue();
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[1].Code).ShouldReturnAsync<VerificationResult>();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_preview_says_an_expired_voucher_expired_on_its_date(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        // Non-refundable: the expiry job leaves it as it is, expired and unused.
        var merchant = await scenario.NewMerchantAsync(validityDays: 1, refundPolicy: "None");
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        app.Clock.Advance(TimeSpan.FromDays(2));
        // Sign-ins expire too: the clerk signs in again, as the next morning.
        var clerk = await app.SignInAsync(merchant.ClerkEmail);

        var expired = await PreviewAsync(clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<CounterPreview>();

        (expired.Usable, expired.ReasonCode, expired.RefundPolicyNameZh).ShouldBe((false, "expired", "不可退"));
        (expired.ReasonZh ?? "").Contains("过期，不能使用", StringComparison.Ordinal).ShouldBeTrue(expired.ReasonZh);
        (expired.Reason ?? "").Contains($"expired on {voucher.ExpiresAt:yyyy-MM-dd}", StringComparison.Ordinal).ShouldBeTrue(expired.Reason);
        await Scenario.VerifyAsync(clerk, merchant.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(409, "expired");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Unknown_codes_previewed_count_toward_the_clerks_pause(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var clerkId = (await merchant.Owner.GetFromJsonAsync<List<LocalLoop.Merchants.StaffMember>>("/api/merchant/staff"))!.Single(s => s.Email == merchant.ClerkEmail).Id;

        for (var i = 0; i < VoucherVerification.MaxFailuresPerWindow - 1; i++)
        {
            await PreviewAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode()).ShouldBeProblemAsync(404, "unknown_code");
        }

        // The tenth wrong code, typed to verify directly, adds to the previews' nine.
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode()).ShouldBeProblemAsync(404, "unknown_code");

        await PreviewAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode()).ShouldBeProblemAsync(429, "rate_limited");
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, UnknownCode()).ShouldBeProblemAsync(429, "rate_limited");
        (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(a => a.ClerkUserId == clerkId && a.Outcome.StartsWith("preview:"))))
            .ShouldBe(VoucherVerification.MaxFailuresPerWindow - 1, "each previewed unknown code is in the log");
    }

    internal static Task<HttpResponseMessage> PreviewAsync(HttpClient clerk, Guid storeId, string code) =>
        clerk.GetAsync($"/api/merchant/vouchers/preview?code={Uri.EscapeDataString(code)}&storeId={storeId}");

    private static string UnknownCode() => $"0{Random.Shared.NextInt64(10_000_000_000, 99_999_999_999)}";
}
