using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ads;

[Authorize(Policy = Policies.Operator)]
public sealed class EditModel(AdOperations ads, Text text) : PageModel
{
    [BindProperty]
    public AdInput Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Input = AdInput.From(await ads.GetAsync(id));
            return Page();
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        try
        {
            await ads.EditAsync(id, Input.ToRequest());
            Saved = text["ads.saved"];
            return Redirect("/admin/ads");
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex);
            return Page();
        }
    }
}
