using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Deals;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.BadInput;

/// <summary>Deal rules that make no sense are refused field by field, in English and Chinese, and nothing is saved; from the API and from the owner's form.</summary>
public sealed class ValidityRulesBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string> BadRules => Cases.OnEachDatabase(
        "window end before start", "window ended", "window half given", "window malformed", "window too long",
        "hours malformed", "hours half given", "hours equal", "limit 0", "limit 100", "too many dates", "listed date malformed", "booking note too long");

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task Bad_rules_are_refused_with_a_field_error_in_both_languages_and_no_deal_is_saved(string database, string badness)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var today = DateOnly.FromDateTime(ValidityRules.Local(app.Clock.GetUtcNow()).DateTime);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (rules, field) = badness switch
        {
            "window end before start" => (new ValidityRulesRequest(ValidFrom: Day(10), ValidUntil: Day(5)), "ValidUntil"),
            "window ended" => (new ValidityRulesRequest(ValidFrom: Day(-10), ValidUntil: Day(-1)), "ValidUntil"),
            "window half given" => (new ValidityRulesRequest(ValidFrom: Day(1)), "ValidUntil"),
            "window malformed" => (new ValidityRulesRequest(ValidFrom: "2026/12/01", ValidUntil: "tomorrow"), "ValidUntil"),
            "window too long" => (new ValidityRulesRequest(ValidFrom: Day(0), ValidUntil: Day(400)), "ValidUntil"),
            "hours malformed" => (new ValidityRulesRequest(UsableFrom: "25:00", UsableUntil: "22:00"), "UsableUntil"),
            "hours half given" => (new ValidityRulesRequest(UsableFrom: "10:00"), "UsableUntil"),
            "hours equal" => (new ValidityRulesRequest(UsableFrom: "10:00", UsableUntil: "10:00"), "UsableUntil"),
            "limit 0" => (new ValidityRulesRequest(PerVisitLimit: 0), "PerVisitLimit"),
            "limit 100" => (new ValidityRulesRequest(PerVisitLimit: 100), "PerVisitLimit"),
            "too many dates" => (new ValidityRulesRequest(UnusableDates: Enumerable.Range(1, 61).Select(Day).ToList()), "UnusableDates"),
            "listed date malformed" => (new ValidityRulesRequest(UnusableDates: [Day(1), "12月24日"]), "UnusableDates"),
            "booking note too long" => (new ValidityRulesRequest(BookingRequired: true, BookingNote: new string('约', 201)), "BookingNote"),
            _ => throw new ArgumentOutOfRangeException(nameof(badness), badness, null),
        };

        var response = await merchant.Owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("规则套餐", "双人套餐", "food", 5_000, 8_000, 30, [merchant.HonouringStoreId], null, rules));
        await response.ShouldHaveStatusAsync(400);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe("validation_failed");
        var english = problem.RootElement.GetProperty("errors").GetProperty(field).ToString();
        var chinese = problem.RootElement.GetProperty("errorsZh").GetProperty(field).ToString();
        (english.Length > 0).ShouldBeTrue($"an English message for {field}");
        chinese.Any(c => c >= '\u4e00' && c <= '\u9fff').ShouldBeTrue($"a Chinese message for {field}: {chinese}");
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchant.MerchantId))).ShouldBe(1, "only Scenario's deal exists");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_owners_form_shows_rule_errors_in_chinese_keeps_nothing_then_saves_good_rules(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        await (await ChineseErrorMessageTests.SendAsync(browser, cookies, new HttpRequestMessage(HttpMethod.Post, "/api/auth/login?useCookies=true")
        {
            Content = JsonContent.Create(new LoginRequest(merchant.OwnerEmail, TestApp.Password)),
        })).ShouldHaveStatusAsync(200);

        async Task<HttpResponseMessage> PostFormAsync(Dictionary<string, string> fields)
        {
            var form = await ChineseErrorMessageTests.SendAsync(browser, cookies, new HttpRequestMessage(HttpMethod.Get, "/merchant/deals/new"));
            var html = await form.Content.ReadAsStringAsync();
            html.Contains("id=\"validity-rules\"", StringComparison.Ordinal).ShouldBeTrue("the form has the rules");
            var token = ChineseErrorMessageTests.AntiforgeryToken().Match(html);
            var content = new Dictionary<string, string>(fields)
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.Title"] = "工作日午市套餐", ["Input.Contents"] = "两荤一素", ["Input.Category"] = "food", ["Input.Price"] = "38",
                ["Input.OriginalPrice"] = "58", ["Input.StoreIds"] = merchant.HonouringStoreId.ToString(), ["Input.RefundPolicy"] = "AnyTime",
            };
            return await ChineseErrorMessageTests.SendAsync(browser, cookies, new HttpRequestMessage(HttpMethod.Post, "/merchant/deals/new") { Content = new FormUrlEncodedContent(content) });
        }

        var bad = await PostFormAsync(new()
        {
            ["Input.Validity"] = "window", ["Input.ValidFrom"] = "2026-12-31", ["Input.ValidUntil"] = "2026-12-01",
            ["Input.UsableFrom"] = "10:00", ["Input.UsableUntil"] = "10:00", ["Input.PerVisitLimit"] = "0",
        });
        await bad.ShouldHaveStatusAsync(200); // the form again; a redirect would mean the deal was created
        var page = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        page.Contains("有效期结束日期不能早于开始日期。", StringComparison.Ordinal).ShouldBeTrue("the window error, in Chinese");
        page.Contains("可用时段的开始和结束时间不能相同。", StringComparison.Ordinal).ShouldBeTrue("the hours error");
        page.Contains("每桌限用张数须为 1 到 99", StringComparison.Ordinal).ShouldBeTrue("the limit error");
        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchant.MerchantId))).ShouldBe(1);

        var good = await PostFormAsync(new()
        {
            ["Input.Validity"] = "days", ["Input.ValidityDays"] = "60", ["Input.WeekendsOff"] = "true", ["Input.HolidaysOff"] = "true",
            ["Input.UnusableDates"] = "2026-12-24, 2026-12-31", ["Input.UsableFrom"] = "11:00", ["Input.UsableUntil"] = "14:00",
            ["Input.PerVisitLimit"] = "2", ["Input.BookingRequired"] = "true", ["Input.BookingNote"] = "请提前 1 天电话预约",
        });
        await good.ShouldHaveStatusAsync(302);
        var saved = await app.WithDbAsync(db => db.Deals.AsNoTracking().SingleAsync(d => d.MerchantId == merchant.MerchantId && d.Title == "工作日午市套餐"));
        saved.ValidityDays.ShouldBe(60);
        saved.Rules.Describe(chinese: true).ShouldBeEquivalentTo(
            ["周末、法定节假日不可用", "2026-12-24、2026-12-31 不可用", "11:00–14:00 可用", "每桌限用 2 张", "需预约：请提前 1 天电话预约"]);
    }
}
