using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Platform.Identity;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Identity;

/// <summary>Accounts and sign-in, plus the small public endpoints every deployment relies on.</summary>
public sealed class IdentityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Registering_with_a_short_password_is_refused_with_a_readable_message(string database)
    {
        var app = await fixture.For(database);
        var email = NewEmail();

        var detail = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new RegisterRequest(email, "short1", "短密码", null))
            .ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains("at least 8 characters", StringComparison.Ordinal).ShouldBeTrue(detail);
        (await UserCountAsync(app, email)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Registering_an_email_twice_is_refused(string database)
    {
        var app = await fixture.For(database);
        var email = NewEmail();
        await (await app.Anonymous().PostAsJsonAsync("/api/auth/register", new RegisterRequest(email, TestApp.Password, "第一次", null))).ShouldHaveStatusAsync(201);

        var detail = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new RegisterRequest(email, TestApp.Password, "第二次", null))
            .ShouldBeProblemAsync(400, "validation_failed");

        detail.Contains("already taken", StringComparison.Ordinal).ShouldBeTrue(detail);
        (await UserCountAsync(app, email)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Signing_in_with_a_wrong_password_is_unauthorized(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync(0);

        await Login(app.Anonymous(), consumer.Email, "WrongPassword1").ShouldBeProblemAsync(401, "bad_credentials");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_password(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync(0);
        var client = app.Anonymous();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await Login(client, consumer.Email, "WrongPassword1").ShouldBeProblemAsync(401, "bad_credentials");
        }

        // The fifth failure is the one that locks; Identity already reports the lock on that attempt.
        await Login(client, consumer.Email, "WrongPassword1").ShouldBeProblemAsync(423, "locked_out");

        await Login(client, consumer.Email, TestApp.Password).ShouldBeProblemAsync(423, "locked_out");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Cookie_sign_in_lets_the_same_client_call_the_api(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync(0, "饼干用户");
        var browser = app.Anonymous(); // keeps cookies, like a browser
        await (await browser.GetAsync("/api/auth/me")).ShouldHaveStatusAsync(401);

        var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new LoginRequest(consumer.Email, TestApp.Password));

        await login.ShouldHaveStatusAsync(200);
        login.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue("the sign-in sets a cookie");
        cookies!.Any(c => c.StartsWith("localloop=", StringComparison.Ordinal)).ShouldBeTrue(string.Join("; ", cookies!));
        using var me = JsonDocument.Parse(await browser.GetStringAsync("/api/auth/me"));
        me.RootElement.GetProperty("id").GetGuid().ShouldBe(consumer.Id);
        me.RootElement.GetProperty("name").GetString().ShouldBe("饼干用户");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Health_check_answers_200(string database)
    {
        var app = await fixture.For(database);

        await (await app.Anonymous().GetAsync("/health")).ShouldHaveStatusAsync(200);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task OpenApi_document_is_served_and_describes_the_orders_api(string database)
    {
        var app = await fixture.For(database);

        var response = await (await app.Anonymous().GetAsync("/openapi/v1.json")).ShouldHaveStatusAsync(200);

        var document = await response.Content.ReadAsStringAsync();
        document.Contains("\"/api/orders\"", StringComparison.Ordinal).ShouldBeTrue("the document lists /api/orders");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Switching_language_sets_the_culture_cookie_and_redirects_locally(string database)
    {
        var app = await fixture.For(database);

        var response = await app.Anonymous().GetAsync("/lang/en?returnUrl=/deals");

        await response.ShouldHaveStatusAsync(302);
        response.Headers.Location?.OriginalString.ShouldBe("/deals");
        response.Headers.TryGetValues("Set-Cookie", out var cookies).ShouldBeTrue("the culture is remembered in a cookie");
        cookies!.Any(c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal)).ShouldBeTrue(string.Join("; ", cookies!));
    }

    public static TheoryData<string, string> ForeignReturnUrls => Cases.OnEachDatabase("https://evil.example", "//evil.example", "/\\evil.example", "http:evil.example");

    [Theory]
    [MemberData(nameof(ForeignReturnUrls))]
    public async Task Switching_language_never_redirects_to_another_site(string database, string returnUrl)
    {
        var app = await fixture.For(database);

        var response = await app.Anonymous().GetAsync($"/lang/en?returnUrl={Uri.EscapeDataString(returnUrl)}");

        // An open redirect would let a link on our domain send users to a phishing page.
        await response.ShouldHaveStatusAsync(302);
        response.Headers.Location?.OriginalString.ShouldBe("/");
    }

    private static Task<HttpResponseMessage> Login(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new LoginRequest(email, password));

    private static string NewEmail() => $"i{Guid.NewGuid():N}@test.localloop";

    private static Task<int> UserCountAsync(TestApp app, string email)
    {
        var normalized = email.ToUpperInvariant();
        return app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalized));
    }
}
