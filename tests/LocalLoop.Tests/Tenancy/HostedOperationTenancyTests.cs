using System.Net.Http.Json;
using LocalLoop.HostedOperation;
using LocalLoop.Platform.Identity;
using LocalLoop.StaffRoles;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>
/// An agent reaches a merchant only through an active grant of that merchant, and even then never its staff, grants
/// or finance; a grant is the owner's alone to give and revoke, and only platform agents can receive one.
/// </summary>
public sealed class HostedOperationTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_agent_without_a_grant_or_with_another_merchants_grant_reaches_nothing(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var staff = new StaffScenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var agent = await staff.NewAgentAsync();
        var stranger = await staff.NewAgentAsync();
        var grantOfB = await StaffScenario.GrantAsync(b, agent.Email);

        await (await agent.Client.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(403);
        await stranger.Client.PostAsync($"/api/agent/grants/{grantOfB.Id}/act", null).ShouldBeProblemAsync(404, "not_found");
        Assert.Empty((await stranger.Client.GetFromJsonAsync<List<GrantView>>("/api/agent/grants"))!);

        // Acting for B shows B's rows only: A's deal does not exist there.
        var forB = await staff.ActAsync(agent, grantOfB.Id);
        await forB.GetAsync($"/api/merchant/deals/{a.DealId}").ShouldBeProblemAsync(404, "not_found");
        (await forB.GetFromJsonAsync<List<LocalLoop.Deals.DealView>>("/api/merchant/deals"))!.Select(d => d.MerchantId).Distinct().ShouldBeSequence([b.MerchantId]);

        // A's owner cannot see or revoke B's grant.
        await a.Owner.PostAsync($"/api/merchant/hosting/grants/{grantOfB.Id}/revoke", null).ShouldBeProblemAsync(404, "not_found");
        Assert.Empty((await a.Owner.GetFromJsonAsync<List<GrantView>>("/api/merchant/hosting/grants"))!);
        (await app.WithDbAsync(db => db.HostingGrants.IgnoreQueryFilters().Where(g => g.Id == grantOfB.Id).Select(g => g.RevokedAt).SingleAsync())).ShouldBe(null);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_acting_agent_cannot_manage_staff_grants_or_finance_nor_work_the_counter(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var staff = new StaffScenario(app);
        var agent = await staff.NewAgentAsync();
        var grant = await StaffScenario.GrantAsync(merchant, agent.Email);
        var acting = await staff.ActAsync(agent, grant.Id);
        var clerkId = (await merchant.Owner.GetFromJsonAsync<List<LocalLoop.Merchants.StaffMember>>("/api/merchant/staff"))!.Single(m => m.Email == merchant.ClerkEmail).Id;

        (string, object?)[] ownersOnly =
        [
            ("GET /api/merchant/staff", null),
            ("POST /api/merchant/staff", new InviteStaffRequest($"x{Guid.NewGuid():N}@test.localloop", "越权", TestApp.Password, Roles.Manager, null, null)),
            ($"POST /api/merchant/staff/{clerkId}/disable", null),
            ($"PUT /api/merchant/staff/{clerkId}/role", new ChangeRoleRequest(Roles.MerchantOwner)),
            ("GET /api/merchant/hosting/grants", null),
            ("POST /api/merchant/hosting/grants", new GrantRequest(agent.Email, null)),
            ($"POST /api/merchant/hosting/grants/{grant.Id}/revoke", null),
            ("GET /api/merchant/hosting/audit", null),
            ("GET /api/merchant/dashboard", null),
            ("GET /api/merchant/reports/breakage", null),
            ("GET /api/merchant/verifications", null),
        ];
        foreach (var (api, body) in ownersOnly)
        {
            await (await acting.SendAsync(api, body)).ShouldHaveStatusAsync(403);
        }

        (await app.WithDbAsync(db => db.Users.Where(u => u.Id == clerkId).Select(u => u.DisabledAt).SingleAsync())).ShouldBe(null);
        (await app.WithDbAsync(db => db.HostingGrants.IgnoreQueryFilters().CountAsync(g => g.MerchantId == merchant.MerchantId && g.RevokedAt == null))).ShouldBe(1);
        // Refused attempts are still state-changing requests of an acting agent: the owner sees them.
        (await merchant.Owner.GetFromJsonAsync<List<AuditEntryView>>("/api/merchant/hosting/audit"))!.Select(e => e.StatusCode).Distinct().ShouldBeSequence([403]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Only_platform_agents_can_be_granted_and_only_admins_appoint_them(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();

        await merchant.Owner.PostAsJsonAsync("/api/merchant/hosting/grants", new GrantRequest(consumer.Email, null)).ShouldBeProblemAsync(404, "not_found");
        await merchant.Owner.PostAsJsonAsync("/api/merchant/hosting/grants", new GrantRequest(merchant.ClerkEmail, null)).ShouldBeProblemAsync(404, "not_found");
        await (await merchant.Owner.PostAsJsonAsync("/api/admin/agents", new AgentAdmin.AgentRequest(consumer.Email))).ShouldHaveStatusAsync(403);
        await (await consumer.Client.GetAsync("/api/agent/grants")).ShouldHaveStatusAsync(403);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        await admin.PostAsJsonAsync("/api/admin/agents", new AgentAdmin.AgentRequest(merchant.ClerkEmail)).ShouldBeProblemAsync(409, "staff_cannot_be_agent");
        await (await admin.PostAsJsonAsync("/api/admin/agents", new AgentAdmin.AgentRequest(consumer.Email))).ShouldHaveStatusAsync(200);
        Assert.Contains(consumer.Id, (await admin.GetFromJsonAsync<List<AgentAdmin.AgentView>>("/api/admin/agents"))!.Select(a => a.Id));
    }
}
