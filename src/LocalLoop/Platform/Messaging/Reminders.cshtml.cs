using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Platform.Messaging;

/// <summary>The consumer turns SMS and email reminders on or off (the inbox always gets them).</summary>
[Authorize]
public sealed class RemindersModel(MessagingPreferences preferences, CurrentUser user) : PageModel
{
    public ReminderPreferencesView Preferences { get; private set; } = null!;

    public bool Saved { get; private set; }

    public async Task OnGetAsync() => Preferences = await preferences.GetAsync(user.RequiredId);

    public async Task<IActionResult> OnPostAsync(bool sms, bool email)
    {
        Preferences = await preferences.SetAsync(user.RequiredId, new ReminderPreferencesRequest(sms, email));
        Saved = true;
        return Page();
    }
}
