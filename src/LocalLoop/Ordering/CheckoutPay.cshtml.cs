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
public sealed class CheckoutPayModel(OrderQueries queries, PaymentProcessing payments, CurrentUser user, AppDbContext db, Text text) : PageModel
{
    public Guid CheckoutId { get; private set; }

    public List<OrderView> Orders { get; private set; } = [];

    public long WalletBalanceFen { get; private set; }

    public bool AllSettled => Orders.All(o => o.State != nameof(OrderState.PendingPayment));

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(Guid id, Guid orderId, string? method)
    {
        if (!await LoadAsync(id) || Orders.All(o => o.Id != orderId))
        {
            return NotFound();
        }

        try
        {
            var result = await payments.PayAsync(user.RequiredId, orderId, method, Request);
            return result.CashierUrl is { } cashier ? Redirect(cashier) : LocalRedirect($"/checkout/{id}");
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
