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
}
