using System.Net;
using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.Operations;
using LocalLoop.Platform.Identity;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace LocalLoop.Tests.Operations;

/// <summary>
/// /admin/verifications: operators find every attempt on a code (ours or an external platform's) or of a merchant on a
/// day; only an admin reverses from it, ours through our reversal and external codes through their platform.
/// </summary>
public sealed partial class AdminVerificationLookupTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_reviewer_finds_every_attempt_and_only_an_admin_reverses_ours_and_external_ones_from_the_page(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldBeProblemAsync(409, "already_verified");
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var external = (await VoucherPlatform.SellAsync(app, shop, faceValueFen: 12_800)).Single();
        var consumed = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, external).ShouldReturnAsync<ExternalConsumptionResult>();

        // A reviewer looks the code up, grouped as the consumer reads it: the success and the refused second try.
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var ours = await SearchAsync(reviewer, $"code={Uri.EscapeDataString(voucher.Code[..4] + " " + voucher.Code[4..])}");
        ours.Count.ShouldBe(2);
        var success = ours.Single(r => r.Succeeded);
        (success.AttemptId, success.StoreName, success.ClerkName, success.ValueFen, success.Reversible).ShouldBe((verified.AttemptId, "人民广场店", "店员 Clerk", (long?)merchant.PriceFen, true));
        ours.Single(r => !r.Succeeded).Reversible.ShouldBe(false, "a refused attempt has nothing to reverse");
        var theirs = (await SearchAsync(reviewer, $"code={external.ToLowerInvariant()}")).Single();
        (theirs.ExternalPlatform, theirs.ExternalConsumptionId, theirs.ValueFen).ShouldBe(("sandbox", (Guid?)consumed.ConsumptionId, (long?)12_800));
        var day = LocalLoop.Discovery.ConsumerFormat.Local(app.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var ofTheDay = (await SearchAsync(reviewer, $"merchantId={merchant.MerchantId}&date={day}")).Select(r => r.AttemptId).ToList();
        (ofTheDay.Contains(verified.AttemptId) && ofTheDay.Contains(consumed.AttemptId)).ShouldBeTrue("the merchant's day holds both verifications");

        // The page: the reviewer sees the rows but no reverse form, and cannot post one.
        var reviewerBrowser = await BrowserAsync(app, TestApp.ReviewerEmail);
        var page = await (await reviewerBrowser.GetAsync($"/admin/verifications?code={voucher.Code}")).ShouldHaveStatusAsync(200);
        var html = await page.Content.ReadAsStringAsync();
        html.Contains("人民广场店", StringComparison.Ordinal).ShouldBeTrue("the store is shown");
        html.Contains("name=\"reason\"", StringComparison.Ordinal).ShouldBe(false, "a reviewer gets no reverse form");
        // The refused try reads in the page's language, from the Chinese outcome logged beside the English one.
        html.Contains("不能重复使用", StringComparison.Ordinal).ShouldBeTrue("the refusal is shown in Chinese");
        html.Contains("already used", StringComparison.Ordinal).ShouldBe(false, "not in English");
        AccessDenied(await PostReverseAsync(reviewerBrowser, voucher.Code, verified.AttemptId, null, "顾客投诉"));

        // The admin reverses ours long after the store's window, then the external one through its platform.
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var adminBrowser = await BrowserAsync(app, TestApp.AdminEmail);
        (await PostReverseAsync(adminBrowser, voucher.Code, verified.AttemptId, null, " ")).StatusCode.ShouldBe(HttpStatusCode.OK, "a blank reason is shown on the page");
        (await PostReverseAsync(adminBrowser, voucher.Code, verified.AttemptId, null, "店员误核销")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Scenario.VouchersAsync(consumer)).Single().State.ShouldBe(nameof(VoucherState.Issued), "the consumer has the voucher back");
        (await PostReverseAsync(adminBrowser, external, consumed.AttemptId, consumed.ConsumptionId, "三方平台投诉")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await VoucherPlatform.CodeAsync(app, external)).State.ShouldBe(SandboxCodeState.Unused, "the platform gave the code back");

        // Newest first.
        var after = (await SearchAsync(reviewer, $"merchantId={merchant.MerchantId}&date={day}")).Where(r => r.Succeeded).ToList();
        after.Select(r => (r.ReversalReason, r.Reversible)).ShouldBeEquivalentTo([("三方平台投诉", false), ("店员误核销", false)]);
        // Reversing again is idempotent: nothing more happens.
        (await PostReverseAsync(adminBrowser, voucher.Code, verified.AttemptId, null, "再来一次")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Merchants_clerks_and_consumers_get_403_and_a_malformed_code_400(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();

        foreach (var client in new[] { merchant.Owner, merchant.Clerk, consumer.Client })
        {
            await (await client.GetAsync("/api/admin/verifications?code=123456789012")).ShouldHaveStatusAsync(403);
        }

        AccessDenied(await (await BrowserAsync(app, merchant.OwnerEmail)).GetAsync("/admin/verifications"));
        await (await app.Anonymous().GetAsync("/api/admin/verifications?code=123456789012")).ShouldHaveStatusAsync(401);

        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var detail = await reviewer.GetAsync("/api/admin/verifications?code=12345").ShouldBeProblemAsync(400, "validation_failed");
        detail.Contains("12 digits", StringComparison.Ordinal).ShouldBeTrue(detail);
        await reviewer.GetAsync("/api/admin/verifications").ShouldBeProblemAsync(400, "validation_failed");
        await reviewer.GetAsync($"/api/admin/verifications?merchantId={merchant.MerchantId}").ShouldBeProblemAsync(400, "validation_failed");
        (await SearchAsync(reviewer, "code=EX23456789")).Count.ShouldBe(0, "a well-formed code nobody tried finds nothing");

        // The page explains a malformed code in Chinese.
        var page = await (await (await BrowserAsync(app, TestApp.ReviewerEmail)).GetAsync("/admin/verifications?code=12345")).ShouldHaveStatusAsync(200);
        (await page.Content.ReadAsStringAsync()).Contains("券码为 12 位数字", StringComparison.Ordinal).ShouldBeTrue("the refusal is shown in Chinese");
    }

    /// <summary>A page refuses as pages do: a redirect to the access-denied page.</summary>
    private static void AccessDenied(HttpResponseMessage response) =>
        (response.StatusCode == HttpStatusCode.Redirect && (response.Headers.Location?.OriginalString ?? "").Contains("/account/denied", StringComparison.Ordinal))
            .ShouldBeTrue($"access denied, got {response.StatusCode} {response.Headers.Location}");

    private static async Task<List<VerificationLookupRow>> SearchAsync(HttpClient client, string query) =>
        await client.GetAsync($"/api/admin/verifications?{query}").ShouldReturnAsync<List<VerificationLookupRow>>();

    /// <summary>A cookie-signed-in browser, as an operator uses the page.</summary>
    private static async Task<HttpClient> BrowserAsync(TestApp app, string email)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(email, TestApp.Password))).ShouldHaveStatusAsync(200);
        return browser;
    }

    private static async Task<HttpResponseMessage> PostReverseAsync(HttpClient browser, string code, Guid attemptId, Guid? consumptionId, string reason)
    {
        var form = await (await browser.GetAsync($"/admin/verifications?code={code}")).ShouldHaveStatusAsync(200);
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync());
        token.Success.ShouldBeTrue("the page carries an antiforgery token");
        var url = $"/admin/verifications?handler=Reverse&attemptId={attemptId}&code={code}" + (consumptionId is { } id ? $"&consumptionId={id}" : "");
        return await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["reason"] = reason,
        }));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryToken();
}
