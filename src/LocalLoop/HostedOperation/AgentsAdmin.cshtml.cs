using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.HostedOperation;

/// <summary>The admin's platform agents (代运营): appoint a platform user, see whom each operates now, remove an agent.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AgentsAdminModel(AgentAdmin agents, CurrentUser user, Text text) : ActionPageModel
{
    public List<AgentAdmin.AgentView> Agents { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public Task<IActionResult> OnPostAppointAsync(string? contact) => ActAsync(async () =>
    {
        var agent = await agents.AppointAsync(new AgentAdmin.AgentRequest(contact));
        return text.Format("gaps4.agents.appointed", agent.DisplayName);
    });

    public Task<IActionResult> OnPostRemoveAsync(Guid id) => ActAsync(async () =>
    {
        await agents.RemoveAsync(id, user.RequiredId);
        return text["gaps4.agents.removed"];
    });

    protected override async Task LoadAsync() => Agents = await agents.ListAsync();
}
