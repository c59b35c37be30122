using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ordering;

/// <summary>The pay step after checkout: the checkout's orders, one per merchant, each paid from the wallet or through the gateway.</summary>
/// <remarks>Each pay form carries an idempotency key made when it is rendered: sent twice, it pays once.</remarks>
[Authorize]
[LocalLoop.Platform.Idempotency.IdempotentForm]
public sealed class CheckoutPayModel(OrderQueries queries, PaymentProcessing payments, CheckoutPayments checkoutPayments, CurrentUser user, AppDbContext db, Text text) : PageModel
{
    public Guid CheckoutId { get; private set; }

    public List<OrderView> Orders { get; private set; } = [];

    public long WalletBalanceFen { get; private set; }

    public bool AllSettled => Orders.All(o => o.State != nameof(OrderState.PendingPayment));

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>What the wallet pays when the consumer pays everything at once: as much of the total as the balance covers.</summary>
    public long SuggestedWalletFen => Math.Min(WalletBalanceFen, Orders.Where(o => o.State == nameof(OrderState.PendingPayment)).Sum(o => o.TotalFen));

    public async Task<IActionResult> OnPostPayAsync(Guid id, Guid orderId, string? method)
    {
        if (!await LoadAsync(id) || Orders.All(o => o.Id != orderId))
        {
            return NotFound();
        }

        return await PayAsync(id, async () => (await payments.PayAsync(user.RequiredId, orderId, method, Request)).CashierUrl);
    }

    /// <summary>All unpaid orders of the checkout: the wallet part now, the rest through one gateway trade (decision 0029).</summary>
    public async Task<IActionResult> OnPostPayAllAsync(Guid id, decimal? walletYuan)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var walletFen = walletYuan is { } yuan and >= 0 and < 100_000_000 ? Money.FromYuan(yuan).Fen : -1;
        return await PayAsync(id, async () =>
            (await checkoutPayments.PayAsync(user.RequiredId, id, new CheckoutPayRequest(walletFen, $"/checkout/{id}"), Request)).CashierUrl);
    }

    /// <summary>Goes to the gateway's cashier when there is one to visit, else back here; a refusal is shown on the page.</summary>
    private async Task<IActionResult> PayAsync(Guid id, Func<Task<string?>> pay)
    {
        try
        {
            return await pay() is { } cashier ? Redirect(cashier) : LocalRedirect($"/checkout/{id}");
        }
        catch (DomainException ex)
        {
            OrderPageErrors.AddAtTop(ModelState, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or GatewayException)
        {
            ModelState.AddModelError(string.Empty, text["consumer.buy.gatewayDown"]);
        }

        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        CheckoutId = id;
        Orders = await queries.CheckoutAsync(user.RequiredId, id);
        WalletBalanceFen = await new WalletQueries(db).BalanceAsync(user.RequiredId);
        return Orders.Count > 0;
    }
}
