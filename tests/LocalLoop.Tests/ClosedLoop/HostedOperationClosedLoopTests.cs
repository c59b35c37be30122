using System.Net.Http.Json;
using LocalLoop.Deals;
using LocalLoop.HostedOperation;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// Hosted operation (代运营) end to end: the admin appoints an agent, the owner grants them, the agent acts for the
/// merchant and creates a deal, the owner sees it in the audit log, revokes, and the agent's very next request is refused.
/// </summary>
public sealed class HostedOperationClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Grant_act_create_a_deal_see_the_audit_revoke_and_the_next_request_is_refused(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var staff = new StaffScenario(app);
        var agent = await staff.NewAgentAsync();

        // The owner finds the agent by phone, as a shop would know them.
        var grant = await StaffScenario.GrantAsync(merchant, agent.Phone);
        grant.Active.ShouldBe(true);
        grant.AgentUserId.ShouldBe(agent.Id);
        var mine = (await agent.Client.GetFromJsonAsync<List<GrantView>>("/api/agent/grants"))!;
        mine.Single().MerchantId.ShouldBe(merchant.MerchantId);
        await (await agent.Client.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(403); // not acting yet

        var acting = await staff.ActAsync(agent, grant.Id);
        var deal = await acting.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("代运营新品双人餐", "代运营上架的套餐", "food", 6_800, 12_800, 30, [merchant.HonouringStoreId]))
            .ShouldReturnAsync<DealView>(201);
        deal.MerchantId.ShouldBe(merchant.MerchantId);
        await acting.PostAsJsonAsync("/api/merchant/stores", new { }).ShouldBeProblemAsync(400, "validation_failed");
        Assert.Contains(deal.Id, (await acting.GetFromJsonAsync<List<DealView>>("/api/merchant/deals"))!.Select(d => d.Id));

        // Every state-changing request is in the owner's log, refused ones too; reads are not.
        var audit = (await merchant.Owner.GetFromJsonAsync<List<AuditEntryView>>("/api/merchant/hosting/audit"))!;
        audit.Select(e => (e.Method, e.Path, e.StatusCode)).ShouldBeSequence([("POST", "/api/merchant/stores", 400), ("POST", "/api/merchant/deals", 201)]);
        var created = audit.Single(e => e.StatusCode == 201);
        created.AgentUserId.ShouldBe(agent.Id);
        created.GrantId.ShouldBe(grant.Id);
        created.AgentName.ShouldBe("代运营 小王");
        Assert.Contains(deal.Id.ToString(), created.Summary, StringComparison.Ordinal);

        await (await merchant.Owner.PostAsync($"/api/merchant/hosting/grants/{grant.Id}/revoke", null)).ShouldHaveStatusAsync(204);
        await (await acting.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(403);
        await (await acting.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest("撤销后不应创建", "不应创建", "food", 6_800, 12_800, 30, [merchant.HonouringStoreId]))).ShouldHaveStatusAsync(403);
        await merchant.Owner.PostAsync($"/api/merchant/hosting/grants/{grant.Id}/revoke", null).ShouldBeProblemAsync(409, "already_revoked");
        await agent.Client.PostAsync($"/api/agent/grants/{grant.Id}/act", null).ShouldBeProblemAsync(403, "grant_inactive");

        (await app.WithDbAsync(db => db.Deals.CountAsync(d => d.MerchantId == merchant.MerchantId))).ShouldBe(2, "the scenario's deal and the agent's one");
        (await merchant.Owner.GetFromJsonAsync<List<GrantView>>("/api/merchant/hosting/grants"))!.Single().Active.ShouldBe(false);
        // The refused requests after revocation do not count as acting for the merchant: nothing new in its log.
        (await merchant.Owner.GetFromJsonAsync<List<AuditEntryView>>("/api/merchant/hosting/audit"))!.Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_grant_ends_by_itself_after_its_last_day_and_may_then_be_granted_again(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var staff = new StaffScenario(app);
        var agent = await staff.NewAgentAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date);
        var grant = await StaffScenario.GrantAsync(merchant, agent.Email, today);
        var acting = await staff.ActAsync(agent, grant.Id);
        await (await acting.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(200);
        await merchant.Owner.PostAsJsonAsync("/api/merchant/hosting/grants", new GrantRequest(agent.Email, null)).ShouldBeProblemAsync(409, "grant_exists");

        // Its last day passes (moved in the database: the bearer token would not survive moving the clock a day).
        await app.WithDbAsync(db => db.HostingGrants.IgnoreQueryFilters().Where(g => g.Id == grant.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(g => g.ExpiresAt, app.Clock.GetUtcNow().AddMinutes(-1))));

        await (await acting.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(403);
        await agent.Client.PostAsync($"/api/agent/grants/{grant.Id}/act", null).ShouldBeProblemAsync(403, "grant_inactive");
        var again = await StaffScenario.GrantAsync(merchant, agent.Email);
        await (await (await staff.ActAsync(agent, again.Id)).GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(200);
        await merchant.Owner.PostAsJsonAsync("/api/merchant/hosting/grants", new GrantRequest(agent.Email, today.AddDays(-1)))
            .ShouldBeProblemAsync(400, "validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_admin_appoints_an_agent_on_the_page_sees_whom_they_operate_and_removing_them_revokes_every_grant(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var user = await scenario.NewConsumerAsync(0, "代运营 老李");
        var admin = await app.SignInAsync(TestApp.AdminEmail);

        // Appointed on the page; a staff account is refused there with the reason in Chinese.
        var refused = await PageForms.PostAsync(admin, "/admin/agents", "Appoint", new() { ["contact"] = a.ClerkEmail });
        await refused.ShouldHaveStatusAsync(200);
        (await refused.Content.ReadAsStringAsync()).Contains("商家员工账号不能成为代运营人员", StringComparison.Ordinal).ShouldBeTrue("the refusal is on the page");
        ((int)(await PageForms.PostAsync(admin, "/admin/agents", "Appoint", new() { ["contact"] = user.Email })).StatusCode).ShouldBe(302);
        (await admin.GetStringAsync("/admin/agents")).Contains("已将 代运营 老李 设为代运营人员。", StringComparison.Ordinal).ShouldBeTrue("the page says it was done");
        var agent = new AgentAccount(user.Id, user.Email, "", await app.SignInAsync(user.Email));

        var staff = new StaffScenario(app);
        var grantOfA = await StaffScenario.GrantAsync(a, agent.Email);
        var grantOfB = await StaffScenario.GrantAsync(b, agent.Email);
        await (await b.Owner.PostAsync($"/api/merchant/hosting/grants/{grantOfB.Id}/revoke", null)).ShouldHaveStatusAsync(204);
        var listed = (await admin.GetFromJsonAsync<List<AgentAdmin.AgentView>>("/api/admin/agents"))!.Single(v => v.Id == agent.Id);
        listed.Operating.Select(m => m.MerchantId).ShouldBeSequence([a.MerchantId]);
        var page = await admin.GetStringAsync("/admin/agents");
        var merchantAName = listed.Operating.Single().MerchantName;
        page.Contains(merchantAName, StringComparison.Ordinal).ShouldBeTrue("the page lists the merchant the agent operates");

        // Removed while acting for A: the next request is refused, the grant shows revoked to A's owner, and the role is gone.
        var acting = await staff.ActAsync(agent, grantOfA.Id);
        await (await acting.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(200);
        ((int)(await PageForms.PostAsync(admin, "/admin/agents", $"Remove&id={agent.Id}", [])).StatusCode).ShouldBe(302);
        // Refused: the grant is revoked, and the new security stamp ends the agent's sign-in as well.
        ((int)(await acting.GetAsync("/api/merchant/deals")).StatusCode is 401 or 403).ShouldBeTrue("the removed agent is refused");
        (await a.Owner.GetFromJsonAsync<List<GrantView>>("/api/merchant/hosting/grants"))!.Single().RevokedAt.HasValue.ShouldBeTrue("revoked by the removal");
        Assert.DoesNotContain(agent.Id, (await admin.GetFromJsonAsync<List<AgentAdmin.AgentView>>("/api/admin/agents"))!.Select(v => v.Id));
        await admin.PostAsync($"/api/admin/agents/{agent.Id}/remove", null).ShouldBeProblemAsync(404, "not_found");
        await a.Owner.PostAsJsonAsync("/api/merchant/hosting/grants", new GrantRequest(agent.Email, null)).ShouldBeProblemAsync(404, "not_found");
    }
}
