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
/// whether it may be honoured, and the recent log below. A mistaken verification can be reversed (冲正) with a
/// reason, from the result panel or its log row, within the reversal window.
/// </summary>
[Authorize(Policy = Policies.MerchantStaff)]
public sealed class VerifyModel(VoucherVerification verification, VerificationReversal reversal, VoucherQueries queries, StoreAssignments assignments, CurrentUser user) : PageModel
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

    /// <summary>The typed or scanned code's voucher, shown before the clerk confirms.</summary>
    public CounterPreview? Preview { get; private set; }

    /// <summary>The refusal's stable code (for the headline) and the service's explanation.</summary>
    public (string Code, string Message)? Failure { get; private set; }

    /// <summary>The deal of a refused typed code, when the voucher is this merchant's: "which voucher was that?".</summary>
    public string? FailureDealTitle { get; private set; }

    /// <summary>"code" (type a code) or "phone" (look up the customer by phone and verify several at once).</summary>
    public string Mode { get; private set; } = "code";

    public string? Phone { get; private set; }

    /// <summary>The vouchers ticked before a refused batch, ticked again so the clerk only unticks the unusable one.</summary>
    public IReadOnlySet<Guid> SelectedIds { get; private set; } = new HashSet<Guid>();

    public PhoneLookupResult? Lookup { get; private set; }

    /// <summary>Why the lookup was refused: stable code and the service's explanation.</summary>
    public (string Code, string Message)? LookupFailure { get; private set; }

    public BatchVerificationResult? BatchResult { get; private set; }

    /// <summary>A refused batch: the headline's code, the explanation, and each voucher's reason.</summary>
    public (string Code, string Message, IReadOnlyList<BatchItem> Items)? BatchFailure { get; private set; }

    /// <summary>A reversal that just succeeded.</summary>
    public ReversalResult? Reversed { get; private set; }

    /// <summary>Why a reversal was refused: stable code (for the headline) and the service's explanation.</summary>
    public (string Code, string Message)? ReversalFailure { get; private set; }

    /// <summary>The attempt whose reversal was refused and the reason typed, so its form opens again as it was.</summary>
    public Guid? ReverseAttemptId { get; private set; }

    public string? ReverseReason { get; private set; }

    /// <summary>Minutes after a verification during which the store may reverse it.</summary>
    public int ReversalWindowMinutes => (int)reversal.Window.TotalMinutes;

    public async Task OnGetAsync(string? mode)
    {
        Mode = mode == "phone" ? "phone" : "code";
        await LoadAsync();
        RememberStore();
    }

    public async Task<IActionResult> OnPostLookupAsync(string? phone)
    {
        Mode = "phone";
        Phone = phone;
        await LookUpAsync();
        await LoadAsync();
        return Page();
    }

    /// <summary>Verifies the vouchers ticked in the lookup list, all or nothing, then shows the customer's list again as it is now.</summary>
    public async Task<IActionResult> OnPostBatchAsync(string? phone, List<Guid>? voucherIds)
    {
        Mode = "phone";
        Phone = phone;
        if (StoreId is { } storeId)
        {
            RememberStoreCookie(storeId);
            try
            {
                BatchResult = await verification.VerifyBatchAsync(user.RequiredMerchantId, user.RequiredId, new BatchVerifyRequest(storeId, voucherIds ?? []));
            }
            catch (BatchRefusedException ex)
            {
                SelectedIds = (voucherIds ?? []).ToHashSet();
                BatchFailure = (ex.Code, ex.MessageIn(Text.IsChinese), ex.Items);
            }
            catch (DomainException ex)
            {
                BatchFailure = (ex.Code, ex is ValidationException validation ? string.Join(" ", validation.ErrorsIn(Text.IsChinese).Values) : ex.MessageIn(Text.IsChinese), []);
            }

            await LookUpAsync();
        }
        else
        {
            BatchFailure = ("no_store", "", []);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LookUpAsync()
    {
        if (StoreId is not { } storeId)
        {
            LookupFailure = ("no_store", "");
            return;
        }

        RememberStoreCookie(storeId);
        try
        {
            Lookup = await verification.LookUpByPhoneAsync(user.RequiredMerchantId, user.RequiredId, storeId, Phone);
        }
        catch (DomainException ex)
        {
            LookupFailure = (ex.Code, ex is ValidationException validation ? string.Join(" ", validation.ErrorsIn(Text.IsChinese).Values) : ex.MessageIn(Text.IsChinese));
        }
    }

    private void RememberStoreCookie(Guid storeId) =>
        Response.Cookies.Append(StoreCookie, storeId.ToString(), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps,
        });

    public async Task<IActionResult> OnPostReverseAsync(Guid attemptId, string? reason)
    {
        try
        {
            Reversed = await reversal.ReverseByStaffAsync(user.RequiredMerchantId, user.RequiredId, attemptId, new ReverseRequest(reason));
        }
        catch (DomainException ex)
        {
            ReversalFailure = (ex.Code, ex is ValidationException validation ? string.Join(" ", validation.ErrorsIn(Text.IsChinese).Values) : ex.MessageIn(Text.IsChinese));
            ReverseAttemptId = attemptId;
            ReverseReason = reason;
        }

        await LoadAsync();
        RememberStore();
        return Page();
    }

    /// <summary>Shows what the typed or scanned code is for and whether it can be used here now; confirming posts the code to <see cref="OnPostAsync"/>.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (StoreId is { } storeId)
        {
            RememberStoreCookie(storeId);
            try
            {
                Preview = await verification.PreviewAsync(user.RequiredMerchantId, user.RequiredId, storeId, Code);
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

    public async Task<IActionResult> OnPostAsync()
    {
        var merchantId = user.RequiredMerchantId;
        if (StoreId is { } storeId)
        {
            RememberStoreCookie(storeId);
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
                FailureDealTitle = (ex as VoucherRefusedException)?.DealTitle;
            }
        }
        else
        {
            Failure = ("no_store", "");
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The key of the headline that tells the clerk why a reversal was refused.</summary>
    public static string ReversalFailureKey(string code) => code switch
    {
        "reversal_window_passed" => "verify.reverseError.windowPassed",
        "already_reversed" => "verify.reverseError.already",
        "reviewed" => "verify.reverseError.reviewed",
        "validation_failed" => "verify.reverseError.reason",
        "not_found" => "verify.reverseError.notFound",
        "not_verified" => "verify.reverseError.notVerified",
        _ => "verify.reverseError.other",
    };

    /// <summary>The key of the headline that tells the clerk why the phone lookup found nothing.</summary>
    public static string LookupFailureKey(string code) => code switch
    {
        "unknown_phone" => "verify.phone.error.unknown",
        "validation_failed" => "verify.phone.error.malformed",
        "rate_limited" => "verify.error.rateLimited",
        "no_store" or "not_found" => "verify.error.store",
        _ => "verify.phone.error.other",
    };

    /// <summary>The key of the headline of a refused batch.</summary>
    public static string BatchFailureKey(string code) => code switch
    {
        "batch_refused" or "voucher_not_found" => "verify.batch.error.refused",
        "validation_failed" => "verify.batch.error.invalid",
        "rate_limited" => "verify.error.rateLimited",
        "no_store" or "not_found" => "verify.error.store",
        _ => "verify.batch.error.other",
    };

    /// <summary>The key of the headline that tells the clerk, in their language, what went wrong.</summary>
    public static string FailureKey(string code) => code switch
    {
        "unknown_code" => "verify.error.unknown",
        "already_verified" or "used_up" => "verify.error.used",
        "refunded" => "verify.error.refunded",
        "expired" => "verify.error.expired",
        "wrong_store" => "verify.error.wrongStore",
        "not_yet_valid" => "rules.error.notYetValid",
        "unusable_weekend" or "unusable_holiday" or "unusable_date" => "rules.error.unusableDate",
        "outside_hours" => "rules.error.outsideHours",
        "per_visit_limit" => "rules.error.perVisitLimit",
        "store_not_assigned" => "verify.error.notAssigned",
        "rate_limited" => "verify.error.rateLimited",
        "validation_failed" => "verify.error.malformed",
        "no_store" or "not_found" => "verify.error.store",
        _ => "verify.error.other",
    };

    private void RememberStore()
    {
        if (Guid.TryParse(Request.Cookies[StoreCookie], out var remembered) && Stores.Any(s => s.Id == remembered))
        {
            StoreId = remembered;
        }
        else
        {
            StoreId = Stores.FirstOrDefault()?.Id;
        }
    }

    private async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        Stores = await assignments.StoresOfAsync(merchantId, user.RequiredId);
        Log = await queries.LogAsync(merchantId, user.RequiredId, LogSize);
    }
}
