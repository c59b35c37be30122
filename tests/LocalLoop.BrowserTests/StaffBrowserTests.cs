using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// Staff roles and hosted operation in Chromium on the demo data: the owner adds a manager and a clerk with their
/// roles and disables the clerk, who can then no longer sign in; the manager's console shows no staff page; the demo
/// agent acts for the shop and creates a deal; the owner sees it in the hosted-operation log, revokes the grant, and the
/// agent's next page is refused. Screenshots go to TestResults/screenshots/staff.
/// </summary>
public sealed class StaffBrowserTests(ITestOutputHelper output) : DemoJourney(output, "staff")
{
    [Fact]
    public async Task The_owner_adds_and_disables_staff_and_follows_an_agent_running_the_shop()
    {
        await JourneyAsync(async () =>
        {
            var managerEmail = $"manager{Guid.NewGuid():N}"[..16] + "@shop.test";
            var clerkEmail = $"clerk{Guid.NewGuid():N}"[..14] + "@shop.test";
            const string password = "Staff1234";

            var owner = await NewPersonAsync(mobile: false);
            await SignInAsync(owner, "owner@demo.localloop");
            foreach (var (name, email, role) in new[] { ("店长 李经理", managerEmail, "Manager"), ("店员 小赵", clerkEmail, "Clerk") })
            {
                await owner.GotoAsync("/merchant/staff");
                await owner.FillAsync("[name='Input.DisplayName']", name);
                await owner.FillAsync("[name='Input.Email']", email);
                await owner.SelectOptionAsync("[name='Input.Role']", role);
                await owner.FillAsync("[name='Input.Password']", password);
                await owner.Locator("main form button[type=submit]").Last.ClickAsync();
                await Expect(owner.Locator($"[data-staff-role='{email}']")).ToContainTextAsync(role == "Manager" ? "店长" : "店员");
            }

            await ShotAsync(owner, "owner-added-manager-and-clerk");
            await owner.Locator($"[data-staff-status='{clerkEmail}'] button").ClickAsync();
            await Expect(owner.Locator($"[data-staff-status='{clerkEmail}']")).ToContainTextAsync("已停用");
            await ShotAsync(owner, "owner-disabled-clerk");

            // The disabled clerk cannot sign in.
            var clerk = await NewPersonAsync(mobile: true);
            await clerk.GotoAsync("/account/login");
            await clerk.FillAsync("[name='Input.Email']", clerkEmail);
            await clerk.FillAsync("[name='Input.Password']", password);
            await clerk.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(clerk.Locator("main")).ToContainTextAsync("停用");
            Assert.Contains("/account/login", clerk.Url, StringComparison.Ordinal);
            await ShotAsync(clerk, "disabled-clerk-refused");

            // The manager runs stores and deals and sees the figures, but not the staff page.
            var manager = await NewPersonAsync(mobile: false);
            await SignInAsync(manager, managerEmail, password);
            await manager.GotoAsync("/merchant/deals");
            var nav = manager.Locator("nav.console-nav");
            await Expect(nav).ToContainTextAsync("团购");
            await Expect(nav).Not.ToContainTextAsync("员工");
            await Expect(nav).Not.ToContainTextAsync("代运营");
            await ShotAsync(manager, "manager-console");

            // The demo agent acts for the shop and creates a deal.
            var agent = await NewPersonAsync(mobile: false);
            await SignInAsync(agent, "agent@demo.localloop");
            await agent.GotoAsync("/agent");
            await ShotAsync(agent, "agent-grants");
            await agent.Locator("[data-agent-grant] button").First.ClickAsync();
            await agent.WaitForURLAsync(new Regex("/merchant/deals"));
            await agent.GotoAsync("/merchant/deals/new");
            await agent.FillAsync("[name='Input.Title']", "代运营 周末双人餐");
            await agent.FillAsync("[name='Input.Contents']", "鸳鸯锅底 + 肥牛 + 毛肚");
            await agent.SelectOptionAsync("[name='Input.Category']", "food");
            await agent.FillAsync("[name='Input.Price']", "88.00");
            await agent.FillAsync("[name='Input.OriginalPrice']", "158.00");
            await agent.FillAsync("[name='Input.ValidityDays']", "30");
            await agent.Locator("[name='Input.StoreIds']").First.CheckAsync();
            await agent.Locator("main form button[type=submit]").Last.ClickAsync();
            await Expect(agent.Locator("main")).ToContainTextAsync("代运营 周末双人餐");
            await ShotAsync(agent, "agent-created-deal");

            // The owner sees what the agent did, and revokes the grant.
            await owner.GotoAsync("/merchant/hosting");
            await Expect(owner.Locator("[data-audit]")).ToContainTextAsync("/merchant/deals/new");
            await ShotAsync(owner, "owner-hosting-audit");
            await owner.Locator("[data-grant='agent@demo.localloop'] button").ClickAsync();
            await Expect(owner.Locator("[data-grant='agent@demo.localloop']")).ToContainTextAsync("已撤销");

            await agent.GotoAsync("/merchant/deals");
            await agent.WaitForURLAsync(new Regex("/account/denied"));
            await ShotAsync(agent, "agent-refused-after-revoke");
        });
    }
}
