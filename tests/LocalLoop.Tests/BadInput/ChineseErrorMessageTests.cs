using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace LocalLoop.Tests.BadInput;

/// <summary>
/// A refusal reaches a Chinese user in Chinese: the API keeps <c>detail</c>/<c>errors</c> in English and adds
/// <c>detailZh</c>/<c>errorsZh</c>; a page shows the message in the request's language (Chinese by default).
/// </summary>
public sealed partial class ChineseErrorMessageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Coordinates = "纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间。";
    private const string CoordinatesEnglish = "Latitude must be between -90 and 90 and longitude between -180 and 180.";

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Invalid_coordinates_carry_a_chinese_detail(string database)
    {
        var app = await fixture.For(database);

        using var problem = await ProblemAsync(app.Anonymous().GetAsync("/api/deals/nearby?lat=91&lng=121.47"), 400, "invalid_coordinates");

        problem.RootElement.GetProperty("detail").GetString().ShouldBe(CoordinatesEnglish, "detail stays English");
        problem.RootElement.GetProperty("detailZh").GetString().ShouldBe(Coordinates);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_deal_priced_zero_names_the_price_field_in_chinese(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        using var problem = await ProblemAsync(merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("周末双人餐", "两荤一素", "food", 0, 8_000, 30, [merchant.HonouringStoreId])), 400, "validation_failed");

        problem.RootElement.GetProperty("errors").GetProperty("PriceFen").GetString().ShouldBe("Price must be more than zero.");
        problem.RootElement.GetProperty("errorsZh").GetProperty("PriceFen").GetString().ShouldBe("价格必须大于 0。");
        problem.RootElement.GetProperty("detailZh").GetString().ShouldBe("价格必须大于 0。");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verifying_a_used_code_says_when_in_shanghai_time(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var consumer = await new Scenario(app).NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var used = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();

        using var problem = await ProblemAsync(Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code), 409, "already_verified");

        var shanghai = used.VerifiedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        problem.RootElement.GetProperty("detailZh").GetString().ShouldBe($"该券已于 {shanghai} 核销，不能重复使用。");
        problem.RootElement.GetProperty("detail").GetString()!.StartsWith("This voucher was already used on", StringComparison.Ordinal)
            .ShouldBeTrue("detail stays English");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_new_store_form_shows_the_refusal_in_the_pages_language(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();

        var chinese = await PostBadStoreAsync(app, merchant.OwnerEmail, culture: null);
        chinese.Contains(Coordinates, StringComparison.Ordinal).ShouldBeTrue("the Chinese page shows the Chinese message");
        chinese.Contains(CoordinatesEnglish, StringComparison.Ordinal).ShouldBe(false, "and not the English one");

        var english = await PostBadStoreAsync(app, merchant.OwnerEmail, culture: "c=en|uic=en");
        english.Contains(CoordinatesEnglish, StringComparison.Ordinal).ShouldBeTrue("the English page shows the English message");
        english.Contains(Coordinates, StringComparison.Ordinal).ShouldBe(false, "and not the Chinese one");
    }

    /// <summary>Every refusal type and every <see cref="Validation"/> method takes its Chinese text, and none lets it be left out.</summary>
    [Fact]
    public void Chinese_text_is_required_wherever_a_refusal_is_made()
    {
        var refusals = typeof(DomainException).Assembly.GetTypes().Where(t => typeof(DomainException).IsAssignableFrom(t)).ToList();
        (refusals.Count >= 3).ShouldBeTrue("DomainException, ValidationException and RateLimitedException");
        var makers = refusals.SelectMany(t => t.GetConstructors().Cast<MethodBase>())
            .Concat(typeof(DomainException).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(DomainException)))
            .Concat(typeof(Validation).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.Name is nameof(Validation.Check) or nameof(Validation.Required) or nameof(Validation.Single)))
            .ToList();
        foreach (var maker in makers)
        {
            var parameters = maker.GetParameters();
            var chinese = parameters.Where(p => p.Name!.Contains("chinese", StringComparison.OrdinalIgnoreCase) || p.Name!.EndsWith("Zh", StringComparison.Ordinal)).ToList();
            (chinese.Count > 0).ShouldBeTrue($"{maker.DeclaringType!.Name}.{maker.Name}({string.Join(", ", parameters.Select(p => p.Name))}) takes a Chinese text");
            chinese.All(p => !p.HasDefaultValue).ShouldBeTrue($"{maker.DeclaringType!.Name}.{maker.Name}: the Chinese text is not optional");
        }
    }

    [Fact]
    public void A_validation_keeps_both_languages_per_field()
    {
        var errors = new Validation();
        errors.Required("Name", " ", 100, "Store name", "门店名称");
        errors.Check("PriceFen", false, "Price must be more than zero.", "价格必须大于 0。");
        errors.Check("PriceFen", false, "Price must be at most ¥100,000.", "价格不能超过 ¥100,000。");

        var refusal = Assert.Throws<ValidationException>(errors.ThrowIfAny);

        refusal.Errors["Name"].ShouldBe("Store name is required.");
        refusal.ChineseErrors["Name"].ShouldBe("请填写门店名称。");
        refusal.ChineseErrors["PriceFen"].ShouldBe("价格必须大于 0。", "the first problem of a field wins in both languages");
        refusal.ChineseErrors.Keys.ShouldBeEquivalentTo(refusal.Errors.Keys);
        refusal.MessageIn(chinese: false).ShouldBe("Store name is required. Price must be more than zero.");
        refusal.MessageIn(chinese: true).ShouldBe("请填写门店名称。价格必须大于 0。");
        DomainException.NotFound("Deal", "团购").MessageIn(chinese: true).ShouldBe("找不到该团购。");
    }

    /// <summary>
    /// As a browser: sign in with a cookie, open the new-store form, post it with a latitude off the globe, and
    /// return the page's text. <paramref name="culture"/> is the value of the culture cookie, if any.
    /// </summary>
    private static async Task<string> PostBadStoreAsync(TestApp app, string email, string? culture)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        if (culture is not null)
        {
            cookies[".AspNetCore.Culture"] = Uri.EscapeDataString(culture);
        }

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var login = await SendAsync(browser, cookies, new HttpRequestMessage(HttpMethod.Post, "/api/auth/login?useCookies=true")
        {
            Content = JsonContent.Create(new LoginRequest(email, TestApp.Password)),
        });
        await login.ShouldHaveStatusAsync(200);

        var form = await SendAsync(browser, cookies, new HttpRequestMessage(HttpMethod.Get, "/merchant/stores"));
        await form.ShouldHaveStatusAsync(200);
        var token = AntiforgeryToken().Match(await form.Content.ReadAsStringAsync());
        token.Success.ShouldBeTrue("the form carries an antiforgery token");

        var posted = await SendAsync(browser, cookies, new HttpRequestMessage(HttpMethod.Post, "/merchant/stores")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.Name"] = "坐标错误店",
                ["Input.City"] = "上海",
                ["Input.Address"] = "上海市黄浦区南京东路1号",
                ["Input.Latitude"] = "95",
                ["Input.Longitude"] = "121.4737",
                ["Input.Phone"] = "021-63218888",
                ["Input.OpensAt"] = "10:00",
                ["Input.ClosesAt"] = "22:00",
            }),
        });
        await posted.ShouldHaveStatusAsync(200); // the form again, with the error; a redirect would mean the store was created
        return WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
    }

    /// <summary>Sends with the cookies collected so far and keeps the ones the answer sets.</summary>
    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, Dictionary<string, string> cookies, HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return response;
    }

    private static async Task<JsonDocument> ProblemAsync(Task<HttpResponseMessage> request, int status, string code)
    {
        var response = await (await request).ShouldHaveStatusAsync(status);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe(code);
        return problem;
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    internal static partial Regex AntiforgeryToken();
}
