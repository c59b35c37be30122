using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Platform.Messaging;

/// <summary>The operator's log of outbound SMS and email: to whom (masked), which template, how it went.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class MessagesModel(OutboundMessages messages) : PageModel
{
    public List<OutboundMessageView> Messages { get; private set; } = [];

    public OutboundMessageStatus? Status { get; private set; }

    public async Task OnGetAsync(string? status)
    {
        Status = Enum.TryParse<OutboundMessageStatus>(status, ignoreCase: true, out var s) ? s : null;
        Messages = await messages.LatestAsync(Status);
    }
}
