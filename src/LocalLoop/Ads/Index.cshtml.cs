using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ads;

/// <summary>The operator's ad placements: list with pause/resume, a form to create one, and the last 30 days' report.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class IndexModel(AdOperations ads, AdReport report, TimeProvider clock, Text text) : PageModel
{
    public List<AdPlacement> Placements { get; private set; } = [];

    public List<AdReportRow> Report { get; private set; } = [];

    [BindProperty]
    public AdInput Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync()
    {
        var now = ConsumerFormat.Local(clock.GetUtcNow());
        Input.StartsAt = now.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Input.EndsAt = now.AddDays(30).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await ads.CreateAsync(Input.ToRequest());
            Saved = text["ads.saved"];
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active)
    {
        await ads.SetActiveAsync(id, active);
        Saved = text["ads.saved"];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Placements = await ads.ListAsync();
        var today = DateOnly.FromDateTime(ConsumerFormat.Local(clock.GetUtcNow()).DateTime);
        Report = await report.ForAsync(today.AddDays(-29), today);
    }
}
