using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Payflow;

/// <summary>Top-up amounts, bonus rules and gateway switches outside their limits are refused with field errors in both languages, and change nothing.</summary>
public sealed class TopUpBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Bad_amounts_rules_and_switches_are_refused_and_change_nothing(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync(walletFen: 0);
        foreach (var amount in new[] { 0L, -100L, 99L, 500_001L, long.MaxValue })
        {
            await AssertFieldErrorAsync(consumer.Client.PostAsJsonAsync("/api/me/wallet/top-ups", new TopUpRequest(amount)), "AmountFen");
            await AssertFieldErrorAsync(consumer.Client.GetAsync($"/api/me/wallet/top-ups/preview?amountFen={amount}"), "AmountFen");
        }

        (await consumer.Client.GetFromJsonAsync<List<TopUpView>>("/api/me/wallet/top-ups"))!.Count.ShouldBe(0, "no top-up was started");
        await (await app.Anonymous().PostAsJsonAsync("/api/me/wallet/top-ups", new TopUpRequest(10_000))).ShouldHaveStatusAsync(401);

        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var now = DateTimeOffset.UtcNow;
        await AssertFieldErrorAsync(reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(50_000, 50_001, null, null, true)), "BonusFen");
        await AssertFieldErrorAsync(reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(50_000, 0, null, null, true)), "BonusFen");
        await AssertFieldErrorAsync(reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(0, 100, null, null, true)), "MinAmountFen");
        await AssertFieldErrorAsync(reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(null, null, null, null, true)), "MinAmountFen");
        await AssertFieldErrorAsync(reviewer.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(50_000, 5_000, now, now.AddHours(-1), true)), "EndsAt");
        await reviewer.PutAsJsonAsync($"/api/admin/top-up-bonus-rules/{Guid.NewGuid()}", new BonusRuleRequest(50_000, 5_000, null, null, true)).ShouldBeProblemAsync(404);
        (await reviewer.GetFromJsonAsync<List<TopUpBonusRule>>("/api/admin/top-up-bonus-rules"))!.Count.ShouldBe(0, "no rule was stored");
        await (await consumer.Client.PostAsJsonAsync("/api/admin/top-up-bonus-rules", new BonusRuleRequest(100, 1, null, null, true))).ShouldHaveStatusAsync(403);

        var admin = await app.SignInAsync(TestApp.AdminEmail);
        await AssertFieldErrorAsync(admin.PostAsJsonAsync("/api/admin/sandbox-gateway/faults", new GatewayFaultRequest("Explode", null, null, null, 1)), "Kind");
        await AssertFieldErrorAsync(admin.PostAsJsonAsync("/api/admin/sandbox-gateway/faults", new GatewayFaultRequest("NotifyLate", null, null, null, 1)), "DelaySeconds");
        await AssertFieldErrorAsync(admin.PostAsJsonAsync("/api/admin/sandbox-gateway/faults", new GatewayFaultRequest("Fail", -5, null, null, 0)), "AmountFen");
        await (await reviewer.PostAsJsonAsync("/api/admin/sandbox-gateway/faults", new GatewayFaultRequest("Fail", null, null, null, 1))).ShouldHaveStatusAsync(403);
        (await admin.GetFromJsonAsync<List<GatewayFaultSwitch>>("/api/admin/sandbox-gateway/faults"))!.Count.ShouldBe(0, "no switch was stored");
        await app.AssertLedgerBalancedAsync();
    }

    private static async Task AssertFieldErrorAsync(Task<HttpResponseMessage> request, string field)
    {
        var response = await (await request).ShouldHaveStatusAsync(400);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"an error on {field}");
        problem.RootElement.GetProperty("errorsZh").TryGetProperty(field, out _).ShouldBeTrue($"a Chinese error on {field}");
    }
}
