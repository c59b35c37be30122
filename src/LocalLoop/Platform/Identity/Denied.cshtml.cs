using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Platform.Identity;

public sealed class DeniedModel : PageModel
{
    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        ReturnUrl = returnUrl;
    }
}
