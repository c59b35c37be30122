using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.SandboxGateway;

/// <summary>
/// The sandbox gateway's hosted cashier: the page a real gateway would show on its own domain. The payer confirms
/// or cancels, and is sent back to the merchant's return address; the payment result itself travels separately,
/// as the gateway's signed notification.
/// </summary>
[AllowAnonymous]
public sealed class CashierPageModel(Cashier cashier) : PageModel
{
    public SandboxTrade Trade { get; private set; } = null!;

    /// <summary>Where the "back to the merchant" link goes: the trade's return address when it is a web address.</summary>
    public string? BackUrl => SafeReturnUrl(Trade.ReturnUrl);

    public async Task<IActionResult> OnGetAsync(string transactionId)
    {
        if (await cashier.FindAsync(transactionId) is not { } trade)
        {
            return NotFound();
        }

        Trade = trade;
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string transactionId)
    {
        if (await cashier.FindAsync(transactionId) is not { } trade)
        {
            return NotFound();
        }

        var moved = await cashier.ConfirmAsync(trade);
        Trade = (await cashier.FindAsync(transactionId))!;
        if (moved && Trade.State == SandboxTradeState.Paid)
        {
            return BackTo(trade);
        }

        // Declined or still processing (a test-console switch), or paid or closed meanwhile (a second tab, a double
        // click): show the trade as it now is, like a real cashier.
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string transactionId)
    {
        if (await cashier.FindAsync(transactionId) is not { } trade)
        {
            return NotFound();
        }

        if (await cashier.CancelAsync(transactionId))
        {
            return BackTo(trade);
        }

        Trade = (await cashier.FindAsync(transactionId))!;
        return Page();
    }

    private IActionResult BackTo(SandboxTrade trade)
    {
        if (SafeReturnUrl(trade.ReturnUrl) is { } url)
        {
            return Redirect(url);
        }

        Trade = trade;
        return RedirectToPage(new { transactionId = trade.TransactionId });
    }

    /// <summary>An absolute http(s) address or a local path; anything else (javascript:, data:) is not followed.</summary>
    private static string? SafeReturnUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal))
        {
            return url;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? url : null;
    }
}
