using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Platform.Identity;
using LocalLoop.StaffRoles;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// The staff lifecycle as an owner runs it: invite each role, limit a member to stores, change a role, disable (no
/// sign-in, and the member's existing token and cookie stop working on their very next request) and re-enable.
/// </summary>
public sealed class StaffRolesClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_owner_invites_each_role_and_each_member_signs_in_with_it(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var staff = new StaffScenario(app);

        foreach (var role in new[] { Roles.Manager, Roles.Clerk, Roles.Warehouse, Roles.CustomerService })
        {
            var member = await staff.InviteAsync(merchant, role);
            var me = await member.Client.GetFromJsonAsync<Me>("/api/auth/me");
            me!.Roles.ShouldBeSequence([role]);
            me.MerchantId.ShouldBe(merchant.MerchantId);
        }

        var list = (await merchant.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!;
        list.Select(m => m.Role).Order().ShouldBeSequence(
            new[] { Roles.MerchantOwner, Roles.Clerk, Roles.Manager, Roles.Clerk, Roles.Warehouse, Roles.CustomerService }.Order());
        list.Any(m => m.Disabled).ShouldBe(false);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_member_invited_for_one_store_works_only_there(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var clerk = await new StaffScenario(app).InviteAsync(merchant, Roles.Clerk, [merchant.HonouringStoreId]);
        var phone = Scenario.NewPhone();

        // At their store the look-up runs (and finds no customer with this phone); elsewhere it is refused first.
        await Scenario.LookUpAsync(clerk.Client, merchant.HonouringStoreId, phone).ShouldBeProblemAsync(404, "unknown_phone");
        await Scenario.LookUpAsync(clerk.Client, merchant.OtherStoreId, phone).ShouldBeProblemAsync(403, "store_not_assigned");
        (await app.WithDbAsync(db => db.StaffStores.Where(s => s.UserId == clerk.Id).Select(s => s.StoreId).ToListAsync()))
            .ShouldBeSequence([merchant.HonouringStoreId]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_disabled_member_cannot_sign_in_and_their_token_and_cookie_stop_at_once_until_re_enabled(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var staff = new StaffScenario(app);
        var manager = await staff.InviteAsync(merchant, Roles.Manager);
        var cookie = await staff.CookieSessionAsync(manager.Email);
        await (await manager.Client.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(200);
        await (await cookie.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(200);

        await (await merchant.Owner.PostAsync($"/api/merchant/staff/{manager.Id}/disable", null)).ShouldHaveStatusAsync(204);

        // No waiting for the cookie's validation interval: the very next request is refused.
        await (await manager.Client.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(401);
        await (await cookie.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(401);
        await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { email = manager.Email, password = TestApp.Password })
            .ShouldBeProblemAsync(403, "sign_in_not_allowed");
        await merchant.Owner.PostAsync($"/api/merchant/staff/{manager.Id}/disable", null).ShouldBeProblemAsync(409, "already_disabled");
        (await merchant.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!.Single(m => m.Id == manager.Id).Disabled.ShouldBe(true);

        await (await merchant.Owner.PostAsync($"/api/merchant/staff/{manager.Id}/enable", null)).ShouldHaveStatusAsync(204);
        await merchant.Owner.PostAsync($"/api/merchant/staff/{manager.Id}/enable", null).ShouldBeProblemAsync(409, "not_disabled");

        await (await manager.Client.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(401); // the old session stays ended
        var again = await app.SignInAsync(manager.Email);
        await (await again.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(200);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_role_change_takes_effect_on_the_next_request(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var member = await new StaffScenario(app).InviteAsync(merchant, Roles.Clerk);
        await (await member.Client.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(403);

        var changed = await merchant.Owner.PutAsJsonAsync($"/api/merchant/staff/{member.Id}/role", new ChangeRoleRequest(Roles.Manager)).ShouldReturnAsync<StaffMember>();
        changed.Role.ShouldBe(Roles.Manager);

        await (await member.Client.GetAsync("/api/merchant/verifications")).ShouldHaveStatusAsync(401);
        var manager = await app.SignInAsync(member.Email);
        await (await manager.GetAsync("/api/merchant/deals")).ShouldHaveStatusAsync(200);
        (await manager.GetFromJsonAsync<Me>("/api/auth/me"))!.Roles.ShouldBeSequence([Roles.Manager]);
        await merchant.Owner.PutAsJsonAsync($"/api/merchant/staff/{member.Id}/role", new ChangeRoleRequest("Admin")).ShouldBeProblemAsync(400, "validation_failed");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_owner_cannot_disable_themself_and_the_last_owner_cannot_be_demoted(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var staff = new StaffScenario(app);
        var ownerId = (await merchant.Owner.GetFromJsonAsync<Me>("/api/auth/me"))!.Id;

        await merchant.Owner.PostAsync($"/api/merchant/staff/{ownerId}/disable", null).ShouldBeProblemAsync(409, "cannot_disable_self");
        await merchant.Owner.PutAsJsonAsync($"/api/merchant/staff/{ownerId}/role", new ChangeRoleRequest(Roles.Manager)).ShouldBeProblemAsync(409, "last_owner");

        // With a second owner the first may step down; the second is then the last and stays owner.
        var second = await staff.InviteAsync(merchant, Roles.MerchantOwner);
        await (await second.Client.PutAsJsonAsync($"/api/merchant/staff/{ownerId}/role", new ChangeRoleRequest(Roles.Manager))).ShouldHaveStatusAsync(200);
        await second.Client.PutAsJsonAsync($"/api/merchant/staff/{second.Id}/role", new ChangeRoleRequest(Roles.Clerk)).ShouldBeProblemAsync(409, "last_owner");
        await (await merchant.Owner.GetAsync("/api/merchant/staff")).ShouldHaveStatusAsync(401);
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.MerchantId == merchant.MerchantId && u.DisabledAt == null))).ShouldBe(3);
    }

    private sealed record Me(Guid Id, string Name, Guid? MerchantId, List<string> Roles);
}
