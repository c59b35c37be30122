using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Vouchers;

/// <summary>
/// The clerk's counter screen: pick the store once (remembered in a cookie), type or scan a code, see at a glance
/// whether it may be honoured, and the recent log below.
/// </summary>
[Authorize(Policy = Policies.MerchantStaff)]
public sealed class VerifyModel(VoucherVerification verification, VoucherQueries queries, StoreManagement stores, CurrentUser user) : PageModel
{
    public const string StoreCookie = "ll_verify_store";
    public const int LogSize = 30;

    [BindProperty]
    public Guid? StoreId { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public List<Store> Stores { get; private set; } = [];

    public List<VerificationLogEntry> Log { get; private set; } = [];

    public VerificationResult? Result { get; private set; }

    /// <summary>The refusal's stable code (for the headline) and the service's explanation.</summary>
    public (string Code, string Message)? Failure { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Guid.TryParse(Request.Cookies[StoreCookie], out var remembered) && Stores.Any(s => s.Id == remembered))
        {
            StoreId = remembered;
        }
        else
        {
            StoreId = Stores.FirstOrDefault()?.Id;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var merchantId = user.RequiredMerchantId;
        if (StoreId is { } storeId)
        {
            Response.Cookies.Append(StoreCookie, storeId.ToString(), new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps,
            });
            try
            {
                Result = await verification.VerifyAsync(merchantId, user.RequiredId, new VerifyRequest(storeId, Code ?? ""));
                // Ready for the next customer.
                ModelState.Remove(nameof(Code));
                Code = null;
            }
            catch (DomainException ex)
            {
                Failure = (ex.Code, ex.MessageIn(Text.IsChinese));
            }
        }
        else
        {
            Failure = ("no_store", "");
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The key of the headline that tells the clerk, in their language, what went wrong.</summary>
    public static string FailureKey(string code) => code switch
    {
        "unknown_code" => "verify.error.unknown",
        "already_verified" => "verify.error.used",
        "refunded" => "verify.error.refunded",
        "expired" => "verify.error.expired",
        "wrong_store" => "verify.error.wrongStore",
        "rate_limited" => "verify.error.rateLimited",
        "validation_failed" => "verify.error.malformed",
        "no_store" or "not_found" => "verify.error.store",
        _ => "verify.error.other",
    };

    private async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        Stores = await stores.StoresAsync(merchantId);
        Log = await queries.LogAsync(merchantId, LogSize);
    }
}
