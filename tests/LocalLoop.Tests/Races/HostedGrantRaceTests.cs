using System.Net.Http.Json;
using LocalLoop.HostedOperation;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>An owner granting one agent from several tabs at once: exactly one grant is active, the others get 409.</summary>
public sealed class HostedGrantRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_grants_of_one_agent_leave_exactly_one_active(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var agent = await new StaffScenario(app).NewAgentAsync();
        var tabs = new[] { merchant.Owner, await app.SignInAsync(merchant.OwnerEmail), await app.SignInAsync(merchant.OwnerEmail), await app.SignInAsync(merchant.OwnerEmail) };

        var answers = await Task.WhenAll(tabs.Select(tab => tab.PostAsJsonAsync("/api/merchant/hosting/grants", new GrantRequest(agent.Email, null))));

        answers.Count(a => (int)a.StatusCode == 201).ShouldBe(1);
        foreach (var refused in answers.Where(a => (int)a.StatusCode != 201))
        {
            await Task.FromResult(refused).ShouldBeProblemAsync(409, "grant_exists");
        }

        (await merchant.Owner.GetFromJsonAsync<List<GrantView>>("/api/merchant/hosting/grants"))!.Count(g => g.Active).ShouldBe(1);
        (await app.WithDbAsync(db => db.HostingGrants.IgnoreQueryFilters().CountAsync(g => g.AgentUserId == agent.Id))).ShouldBe(1, "the losers left no row");
        (await agent.Client.GetFromJsonAsync<List<GrantView>>("/api/agent/grants"))!.Single().Active.ShouldBe(true);
    }
}
