using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>The deal page's buy form carries a key made when it is rendered: the same form sent twice, one after the other or at once, places one order.</summary>
public sealed partial class DealBuyDoubleSubmitTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_same_buy_form_posted_twice_places_one_order(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 2_500);
        var consumer = await scenario.NewConsumerAsync(walletFen: 100_000);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(consumer.Email, TestApp.Password))).ShouldHaveStatusAsync(200);

        // Sent, then sent again (a double click, or back and submit): the second goes to the first one's order.
        var form = await BuyFormAsync(browser, merchant.DealId);
        var first = await browser.PostAsync($"/deals/{merchant.DealId}", form.Content(quantity: 2));
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var orderUrl = first.Headers.Location!.ToString();
        orderUrl.StartsWith("/orders/", StringComparison.Ordinal).ShouldBeTrue("a paid order opens its page");
        var again = await browser.PostAsync($"/deals/{merchant.DealId}", form.Content(quantity: 2));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        again.Headers.Location!.ToString().ShouldBe(orderUrl);
        // The same key with another quantity is not the same purchase: refused, nothing placed.
        (await browser.PostAsync($"/deals/{merchant.DealId}", form.Content(quantity: 3))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        // A newly rendered form is a new purchase; sent twice at once, it still places one order.
        var second = await BuyFormAsync(browser, merchant.DealId);
        (second.Key != form.Key).ShouldBeTrue("each rendered form has its own key");
        var together = await Task.WhenAll(
            browser.PostAsync($"/deals/{merchant.DealId}", second.Content(quantity: 1)),
            browser.PostAsync($"/deals/{merchant.DealId}", second.Content(quantity: 1)));
        together.Select(r => r.StatusCode).Distinct().Single().ShouldBe(HttpStatusCode.Redirect);
        together.Select(r => r.Headers.Location!.ToString()).Distinct().Count().ShouldBe(1);

        (await app.WithDbAsync(db => db.Orders.CountAsync(o => o.ConsumerId == consumer.Id))).ShouldBe(2);
        (await Scenario.VouchersAsync(consumer)).Count.ShouldBe(3);
        (await app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == consumer.Id).Select(w => w.BalanceFen).SingleAsync())).ShouldBe(100_000L - 3 * 2_500);
        await app.AssertLedgerBalancedAsync();
    }

    private static async Task<BuyForm> BuyFormAsync(HttpClient browser, Guid dealId)
    {
        var html = await (await browser.GetAsync($"/deals/{dealId}")).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        var key = IdempotencyKey().Match(html);
        token.Success.ShouldBeTrue("the form carries an antiforgery token");
        key.Success.ShouldBeTrue("the form carries an idempotency key");
        return new BuyForm(WebUtility.HtmlDecode(token.Groups[1].Value), key.Groups[1].Value);
    }

    private sealed record BuyForm(string Token, string Key)
    {
        public FormUrlEncodedContent Content(int quantity) => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token,
            [IdempotentFormAttribute.FormField] = Key,
            ["Input.Quantity"] = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Method"] = "wallet",
        });
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex(@"<input[^>]*name=""__IdempotencyKey""[^>]*value=""([^""]+)""")]
    private static partial Regex IdempotencyKey();
}
