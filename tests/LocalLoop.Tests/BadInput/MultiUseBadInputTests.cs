using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LocalLoop.Deals;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.BadInput;

/// <summary>The uses per voucher of a deal (1 to 100) through the API and the owner's form: out of range or not a number is refused, nothing is created.</summary>
public sealed partial class MultiUseBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string> OutOfRange => Cases.OnEachDatabase("0", "101", "-3");

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task The_api_refuses_uses_out_of_range_in_english_and_chinese(string database, string uses)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        var response = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("10次洗车卡", "精洗", "daily", 20_000, 30_000, 90, [merchant.HonouringStoreId], null, UsesPerVoucher: int.Parse(uses, System.Globalization.CultureInfo.InvariantCulture)));

        await response.ShouldHaveStatusAsync(400);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("errors").GetProperty(nameof(DealRequest.UsesPerVoucher)).ToString().Contains("1 to 100", StringComparison.Ordinal).ShouldBeTrue();
        body.RootElement.GetProperty("errorsZh").GetProperty(nameof(DealRequest.UsesPerVoucher)).ToString().Contains("次卡", StringComparison.Ordinal).ShouldBeTrue();
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchant.MerchantId))).ShouldBe(1, "only the scenario's deal");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_api_refuses_uses_that_are_not_a_number_and_defaults_to_an_ordinary_voucher(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var json = $$"""{"title":"洗车卡","contents":"精洗","category":"daily","priceFen":20000,"originalPriceFen":30000,"validityDays":90,"storeIds":["{{merchant.HonouringStoreId}}"],"usesPerVoucher":"ten"}""";

        var response = await merchant.Owner.PostAsync("/api/merchant/deals", new StringContent(json, Encoding.UTF8, "application/json"));

        // The JSON binder refuses a string for a number before our code runs.
        await response.ShouldHaveStatusAsync(400);
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchant.MerchantId))).ShouldBe(1);
        var ordinary = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("单次洗车", "精洗", "daily", 2_000, 3_000, 90, [merchant.HonouringStoreId])).ShouldReturnAsync<DealView>(201);
        ordinary.UsesPerVoucher.ShouldBe(1, "the default is an ordinary voucher");
    }

    public static TheoryData<string, string> BadFormUses => Cases.OnEachDatabase("0", "101", "abc", "2.5", "");

    [Theory]
    [MemberData(nameof(BadFormUses))]
    public async Task The_owners_form_refuses_bad_uses_and_keeps_the_form(string database, string uses)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        var page = await PostNewDealAsync(app, merchant, uses);

        await page.ShouldHaveStatusAsync(200); // the form again, with the error; a redirect would mean the deal was created
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).Contains("1 到 100", StringComparison.Ordinal).ShouldBeTrue("the field says what it takes");
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchant.MerchantId))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_owners_form_creates_a_card(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        (await PostNewDealAsync(app, merchant, " 5 ")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.WithDbAsync(db => db.Deals.Where(d => d.MerchantId == merchant.MerchantId && d.Title == "5次洗车卡").Select(d => d.UsesPerVoucher).SingleAsync()))
            .ShouldBe(5);
    }

    /// <summary>Signs the owner in with a cookie, as the browser does, and posts the new-deal form with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostNewDealAsync(TestApp app, MerchantSetup merchant, string uses)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(merchant.OwnerEmail, TestApp.Password))).ShouldHaveStatusAsync(200);
        var form = await (await browser.GetAsync("/merchant/deals/new")).ShouldHaveStatusAsync(200);
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync());
        token.Success.ShouldBeTrue("the form carries an antiforgery token");
        return await browser.PostAsync("/merchant/deals/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Title"] = "5次洗车卡",
            ["Input.Contents"] = "精洗 + 打蜡",
            ["Input.Category"] = "daily",
            ["Input.Price"] = "150.00",
            ["Input.OriginalPrice"] = "200.00",
            ["Input.ValidityDays"] = "90",
            ["Input.RefundPolicy"] = "AnyTime",
            ["Input.UsesPerVoucher"] = uses,
            ["Input.StoreIds"] = merchant.HonouringStoreId.ToString(),
        }));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryToken();
}
