using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Identity;

public sealed class RegisterModel(AccountRegistration accounts, SignInManager<AppUser> signIn, UserManager<AppUser> users,
    IOptions<IdentityOptions> identityOptions, Text text) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The common mistakes get a message in the page's language; the service checks everything again.
        Require("Input.DisplayName", Input.DisplayName, "account.nameRequired");
        Require("Input.Email", Input.Email, "account.emailRequired");
        Require("Input.Password", Input.Password, "account.passwordRequired");
        if (!string.IsNullOrEmpty(Input.Password) && !MeetsPasswordRules(Input.Password))
        {
            ModelState.AddModelError("Input.Password", text["account.passwordHint"]);
        }

        if (!string.IsNullOrWhiteSpace(Input.Email) && await users.FindByEmailAsync(Input.Email.Trim()) is not null)
        {
            ModelState.AddModelError("Input.Email", text["account.emailTaken"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var user = await accounts.RegisterConsumerAsync(new RegisterRequest(Input.Email ?? "", Input.Password ?? "", Input.DisplayName ?? "", Input.Phone));
            await signIn.SignInAsync(user, isPersistent: false);
            return LocalRedirect(LoginModel.SafeReturnUrl(ReturnUrl));
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
            return Page();
        }
    }

    /// <summary>The configured password rules, checked here only to explain them in the page's language.</summary>
    private bool MeetsPasswordRules(string password)
    {
        var rules = identityOptions.Value.Password;
        return password.Length >= rules.RequiredLength
            && (!rules.RequireDigit || password.Any(char.IsAsciiDigit))
            && (!rules.RequireLowercase || password.Any(char.IsAsciiLetterLower))
            && (!rules.RequireUppercase || password.Any(char.IsAsciiLetterUpper))
            && (!rules.RequireNonAlphanumeric || password.Any(c => !char.IsLetterOrDigit(c)));
    }

    private void Require(string field, string? value, string messageKey)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(field, text[messageKey]);
        }
    }
}

public sealed class RegisterInput
{
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Password { get; set; }
}
