using LocalLoop.Platform;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ui;

/// <summary>
/// A page whose POST handlers share one shape: do the action, say what was done and redirect (post/redirect/get); on
/// a refusal, show why and render the page again with fresh data.
/// </summary>
public abstract class ActionPageModel : PageModel
{
    /// <summary>What the last action did, shown once after the redirect.</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>Loads what the page shows, on GET and again after a refusal.</summary>
    protected abstract Task LoadAsync();

    /// <param name="action">Does the work and returns the message that says it was done.</param>
    /// <param name="refused">Shows a refusal and reloads the page; by default its messages go on the form (<see cref="PageErrors"/>).</param>
    /// <param name="routeValues">Kept on the redirect, such as the page's filters.</param>
    protected Task<IActionResult> ActAsync(Func<Task<string>> action, Func<DomainException, Task>? refused = null, object? routeValues = null) =>
        ActAsync(async () =>
        {
            Done = await action();
            return RedirectToPage(routeValues);
        }, refused);

    /// <summary>Runs an action that answers by itself, such as a redirect to what it created; a refusal is shown as above.</summary>
    protected async Task<IActionResult> ActAsync(Func<Task<IActionResult>> action, Func<DomainException, Task>? refused = null)
    {
        try
        {
            return await action();
        }
        catch (DomainException ex)
        {
            await (refused ?? ShowOnFormAsync)(ex);
            return Page();
        }
    }

    /// <param name="done">The message that says it was done.</param>
    protected Task<IActionResult> ActAsync(Func<Task> action, string done, Func<DomainException, Task>? refused = null, object? routeValues = null) =>
        ActAsync(async () =>
        {
            await action();
            return done;
        }, refused, routeValues);

    private Task ShowOnFormAsync(DomainException refusal)
    {
        PageErrors.AddTo(ModelState, refusal, "");
        return LoadAsync();
    }
}
