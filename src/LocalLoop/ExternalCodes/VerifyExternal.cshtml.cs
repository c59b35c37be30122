using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace LocalLoop.ExternalCodes;

/// <summary>
/// The counter's "三方券码" tab: type an external code, look it up on its platform (what it is for, face value, or why
/// it cannot be used), confirm to consume it; reverse within the window with a reason. Same store cookie as the
/// other tabs.
/// </summary>
[Authorize(Policy = Policies.MerchantStaff)]
public sealed class VerifyExternalModel(ExternalCodeVerification verification, ExternalCodeReversal reversal, ExternalCodeQueries queries,
    ExternalPlatformBindings bindings, StoreAssignments assignments, CurrentUser user, IOptions<VoucherOptions> options) : PageModel
{
    [BindProperty]
    public Guid? StoreId { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public List<Store> Stores { get; private set; } = [];

    public bool Linked { get; private set; }

    public List<ExternalConsumptionView> Recent { get; private set; } = [];

    /// <summary>A looked-up code awaiting the clerk's confirmation.</summary>
    public ExternalCodeView? Found { get; private set; }

    public ExternalConsumptionResult? Consumed { get; private set; }

    /// <summary>The refusal's stable code (for the headline), its explanation, and the code's title when the platform knew it.</summary>
    public (string Code, string Message, string? Title)? Failure { get; private set; }

    public ExternalReversalResult? Reversed { get; private set; }

    public (string Code, string Message)? ReversalFailure { get; private set; }

    public Guid? ReverseId { get; private set; }

    public string? ReverseReason { get; private set; }

    public int ReversalWindowMinutes => options.Value.ReversalWindowMinutes;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        RememberedStore();
    }

    public Task<IActionResult> OnPostQueryAsync() => AtCounterAsync(async (storeId, merchantId) =>
        Found = await verification.QueryAsync(merchantId, user.RequiredId, new ExternalCodeRequest(storeId, Code)));

    public Task<IActionResult> OnPostConsumeAsync() => AtCounterAsync(async (storeId, merchantId) =>
    {
        Consumed = await verification.ConsumeAsync(merchantId, user.RequiredId, new ExternalCodeRequest(storeId, Code));
        ModelState.Remove(nameof(Code));
        Code = null;
    });

    public async Task<IActionResult> OnPostReverseAsync(Guid consumptionId, string? reason)
    {
        try
        {
            Reversed = await reversal.ReverseAsync(user.RequiredMerchantId, user.RequiredId, consumptionId, new ReverseRequest(reason));
        }
        catch (DomainException ex)
        {
            ReversalFailure = (ex.Code, Message(ex));
            ReverseId = consumptionId;
            ReverseReason = reason;
        }

        await LoadAsync();
        RememberedStore();
        return Page();
    }

    private async Task<IActionResult> AtCounterAsync(Func<Guid, Guid, Task> work)
    {
        if (StoreId is { } storeId)
        {
            Response.Cookies.Append(VerifyModel.StoreCookie, storeId.ToString(), new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps,
            });
            try
            {
                await work(storeId, user.RequiredMerchantId);
            }
            catch (DomainException ex)
            {
                Failure = (ex.Code, Message(ex), (ex as VoucherRefusedException)?.DealTitle);
            }
        }
        else
        {
            Failure = ("no_store", "", null);
        }

        await LoadAsync();
        return Page();
    }

    private static string Message(DomainException ex) =>
        ex is ValidationException validation ? string.Join(" ", validation.ErrorsIn(Text.IsChinese).Values) : ex.MessageIn(Text.IsChinese);

    /// <summary>The key of the headline that tells the clerk what went wrong.</summary>
    public static string FailureKey(string code) => code switch
    {
        "unknown_code" => "external.error.unknown",
        "already_verified" => "external.error.used",
        "expired" => "external.error.expired",
        "platform_unavailable" => "external.error.unavailable",
        "platform_unconfirmed" => "external.error.unconfirmed",
        "platform_rejected_credentials" => "external.error.credentials",
        "no_binding" => "external.error.noBinding",
        "validation_failed" => "external.error.malformed",
        "rate_limited" => "verify.error.rateLimited",
        "no_store" or "not_found" => "external.error.store",
        _ => "external.error.other",
    };

    private void RememberedStore()
    {
        StoreId = Guid.TryParse(Request.Cookies[VerifyModel.StoreCookie], out var remembered) && Stores.Any(s => s.Id == remembered)
            ? remembered
            : Stores.FirstOrDefault()?.Id;
    }

    private async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        Stores = await assignments.StoresOfAsync(merchantId, user.RequiredId);
        Linked = (await bindings.ListAsync(merchantId)).Count > 0;
        Recent = await queries.RecentAsync(merchantId);
    }
}
