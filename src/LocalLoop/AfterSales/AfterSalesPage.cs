using LocalLoop.Platform;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.AfterSales;

/// <summary>What the three after-sales pages share: run an action, show a refusal on the page, or redirect with a note.</summary>
public abstract class AfterSalesPage : PageModel
{
    [TempData]
    public string? Saved { get; set; }

    protected abstract Task LoadAsync();

    protected async Task<IActionResult> ActAsync(Func<Task> action, string savedText)
    {
        try
        {
            await action();
            Saved = savedText;
            return RedirectToPage();
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex);
        }

        await LoadAsync();
        return Page();
    }
}
