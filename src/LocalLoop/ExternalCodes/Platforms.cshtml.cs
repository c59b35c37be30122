using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.ExternalCodes;

/// <summary>
/// The owner's page for external platforms: the link to each platform (shop id + secret, checked before saving), a
/// sandbox shortcut for trying it out, and 三方平台结算 — what each platform owes the merchant per day, kept apart from our ledger.
/// </summary>
[Authorize(Policy = Policies.MerchantOwner)]
public sealed class PlatformsModel(ExternalPlatformBindings bindings, ExternalCodeQueries queries, SandboxVoucherProvider sandbox, CurrentUser user) : PageModel
{
    [BindProperty]
    public BindInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public List<BindingView> Bindings { get; private set; } = [];

    public ExternalSettlement? Settlement { get; private set; }

    public string? SettlementError { get; private set; }

    [TempData]
    public string? Linked { get; set; }

    [TempData]
    public string? Sold { get; set; }

    /// <summary>Set when the sandbox platform could not be reached for opening a shop or selling codes.</summary>
    [TempData]
    public bool SandboxFailed { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostLinkAsync()
    {
        try
        {
            var bound = await bindings.LinkAsync(user.RequiredMerchantId, user.RequiredId, new BindRequest(SandboxVoucherProvider.Key, Input.ShopId, Input.Secret));
            Linked = bound.ShopId;
            return RedirectToPage();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex);
        }

        Input.Secret = null;
        await LoadAsync();
        return Page();
    }

    /// <summary>Opens a shop on the sandbox platform (as signing up there would) and links it.</summary>
    public Task<IActionResult> OnPostOpenSandboxAsync() => WithSandboxAsync(async () =>
    {
        var shop = await sandbox.OpenShopAsync(user.DisplayName);
        var bound = await bindings.LinkAsync(user.RequiredMerchantId, user.RequiredId, new BindRequest(SandboxVoucherProvider.Key, shop.ShopId, shop.Secret));
        Linked = bound.ShopId;
    });

    /// <summary>Consumers "buy" three codes for the linked sandbox shop, to verify at the counter.</summary>
    public Task<IActionResult> OnPostSellAsync() => WithSandboxAsync(async () =>
    {
        if ((await bindings.BoundAsync(user.RequiredMerchantId)).SingleOrDefault(b => b.Provider.Platform == SandboxVoucherProvider.Key) is { } bound)
        {
            var codes = await sandbox.SellAsync(bound.Shop, new SellCodesRequest("沙箱平台 100 元代金券 / ¥100 voucher", 10_000, 8_500, 3, 30));
            Sold = string.Join(", ", codes);
        }
    });

    /// <summary>The sandbox may be configured to fail or be slow: say so instead of an error page.</summary>
    private async Task<IActionResult> WithSandboxAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is ExternalPlatformException or HttpRequestException or DomainException)
        {
            SandboxFailed = true;
        }

        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        Bindings = await bindings.ListAsync(merchantId);
        try
        {
            Settlement = await queries.SettlementAsync(merchantId, From, To);
        }
        catch (DomainException ex)
        {
            SettlementError = ex is ValidationException validation ? string.Join(" ", validation.ErrorsIn(Platform.Localization.Text.IsChinese).Values)
                : ex.MessageIn(Platform.Localization.Text.IsChinese);
            Settlement = await queries.SettlementAsync(merchantId, null, null);
        }
    }
}

public sealed class BindInput
{
    public string? ShopId { get; set; }
    public string? Secret { get; set; }
}
