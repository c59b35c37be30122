using LocalLoop.Platform;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Payments;

/// <summary>
/// The consumer tops up: picks an amount, sees the bonus and what will be credited, goes to the gateway's cashier and
/// comes back here to the top-up's own page, which waits for the gateway's confirmation.
/// </summary>
[Authorize]
public sealed class TopUpPageModel(TopUpBonuses bonuses, WalletTopUps topUps, CurrentUser user, Text text) : PageModel
{
    public static readonly long[] PresetYuan = [50, 100, 200, 500, 1000];

    public List<TopUpBonusRule> Offers { get; private set; } = [];

    public BonusPreview? Preview { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Amount { get; set; }

    public WalletTopUp? TopUp { get; private set; }

    public List<WalletTopUp> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is { } topUpId)
        {
            try
            {
                TopUp = await topUps.FindAsync(user.RequiredId, topUpId, Request);
            }
            catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            return Page();
        }

        if (!string.IsNullOrWhiteSpace(Amount))
        {
            Preview = await PreviewAsync();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PreviewAsync() is { } preview)
        {
            try
            {
                var started = await topUps.StartAsync(user.RequiredId, preview.AmountFen, Request);
                return Redirect(started.CashierUrl);
            }
            catch (DomainException ex)
            {
                PageErrors.AddTo(ModelState, ex, "");
            }
            catch (Exception ex) when (ex is HttpRequestException or GatewayException)
            {
                ModelState.AddModelError(string.Empty, text["payflow.topup.gatewayDown"]);
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task<BonusPreview?> PreviewAsync()
    {
        if (!ConsoleFormat.TryParseYuan(Amount, out var fen) || fen is < TopUpBonuses.MinTopUpFen or > TopUpBonuses.MaxTopUpFen)
        {
            ModelState.AddModelError(nameof(Amount), text["payflow.topup.badAmount"]);
            return null;
        }

        return await bonuses.PreviewAsync(fen);
    }

    private async Task LoadAsync()
    {
        Offers = await bonuses.CurrentAsync();
        History = await topUps.ListAsync(user.RequiredId);
    }
}
