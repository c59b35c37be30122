using System.Text.RegularExpressions;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>The admin navigation shows each role exactly the pages it may open: a reviewer never meets an entry that refuses them.</summary>
public sealed partial class AdminNavTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_operator_role_sees_in_the_admin_nav_exactly_the_pages_it_may_open(string database)
    {
        var app = await fixture.For(database);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var everyEntry = await NavAsync(admin);
        Assert.Contains("/admin/merchants/manage", everyEntry);
        Assert.Contains("/admin/agents", everyEntry);

        var reviewersEntries = await NavAsync(reviewer);
        foreach (var href in everyEntry)
        {
            (await admin.GetAsync(href)).IsSuccessStatusCode.ShouldBeTrue($"the admin opens {href}");
            var opens = (await reviewer.GetAsync(href)).IsSuccessStatusCode;
            reviewersEntries.Contains(href).ShouldBe(opens, $"a reviewer sees {href} in the nav only if they may open it");
        }

        Assert.Contains("/admin/merchants", reviewersEntries);
        Assert.DoesNotContain("/admin/merchants/manage", reviewersEntries);
    }

    private static async Task<List<string>> NavAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/admin");
        var nav = AdminNav().Match(html);
        nav.Success.ShouldBeTrue("the dashboard shows the admin nav");
        return NavLink().Matches(nav.Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"<nav class=""tabs console-nav""[^>]*>.*?</nav>", RegexOptions.Singleline)]
    private static partial Regex AdminNav();

    [GeneratedRegex(@"<a href=""([^""]+)""")]
    private static partial Regex NavLink();
}
