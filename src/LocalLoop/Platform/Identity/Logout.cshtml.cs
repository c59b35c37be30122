using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Platform.Identity;

/// <summary>
/// Signing out is a POST with the antiforgery token, so another site cannot sign a person out. A POST without a
/// valid token (or a GET) gets the confirm button, whose form carries the token, instead of a bare 400.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class LogoutModel(SignInManager<AppUser> signIn, IAntiforgery antiforgery) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Page();
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
