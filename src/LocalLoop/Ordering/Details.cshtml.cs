using Microsoft.AspNetCore.Authorization;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ordering;

/// <summary>
/// The consumer's own order: waits for the gateway's confirmation, lets an unpaid order be paid, lists the vouchers once
/// paid; a line order shows its lines, address and progress, and can be confirmed as received once dispatched.
/// </summary>
/// <remarks>Forms that move money or stock carry an idempotency key made when they are rendered: sent twice, they act once.</remarks>
[Authorize]
[LocalLoop.Platform.Idempotency.IdempotentForm]
public sealed class DetailsModel(Checkout checkout, PaymentProcessing payments, OrderCancellation cancellation, OrderFulfilment fulfilment, VoucherQueries vouchers,
    CurrentUser user, AppDbContext db, TimeProvider clock, Text text, Microsoft.Extensions.Options.IOptions<OrderOptions> orderOptions) : PageModel
{
    /// <summary>The page stops reloading itself after this long; a person can still reload it.</summary>
    private static readonly TimeSpan AutoRefreshWindow = TimeSpan.FromMinutes(30);

    public Order Order { get; private set; } = null!;

    public List<VoucherView> Vouchers { get; private set; } = [];

    public bool AwaitingGateway { get; private set; }

    /// <summary>The gateway payment waited for is the one of the whole checkout, paid on the checkout's page (decision 0033).</summary>
    public bool AwaitingCheckoutPayment { get; private set; }

    public bool AutoRefresh { get; private set; }

    public long WalletBalanceFen { get; private set; }

    public int UnpaidCancelAfterMinutes => orderOptions.Value.UnpaidCancelAfterMinutes;

    /// <summary>A gateway payment that arrived after the cancellation and was sent back.</summary>
    public long? LateRefundFen { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPayAsync(Guid id, string? method)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (method is not ("wallet" or "gateway"))
        {
            ModelState.AddModelError(string.Empty, text["consumer.buy.pickMethod"]);
            return Page();
        }

        return await ActAsync(id, async () =>
        {
            var result = await payments.PayAsync(user.RequiredId, id, method, Request);
            return result.CashierUrl is { } cashier ? Redirect(cashier) : LocalRedirect($"/orders/{id}");
        });
    }

    public Task<IActionResult> OnPostCancelAsync(Guid id) => ActAsync(id, async () =>
    {
        await cancellation.CancelByConsumerAsync(user.RequiredId, id, Request);
        return LocalRedirect($"/orders/{id}");
    });

    /// <summary>Goods that were dispatched have arrived: the order completes and the merchant is paid.</summary>
    public Task<IActionResult> OnPostConfirmReceiptAsync(Guid id) => ActAsync(id, async () =>
    {
        await fulfilment.ConfirmReceiptAsync(user.RequiredId, id);
        return LocalRedirect($"/orders/{id}");
    });

    /// <summary>Runs the consumer's action; a refusal or an unreachable gateway shows on the reloaded order page.</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
        }
        catch (Exception ex) when (ex is HttpRequestException or GatewayException)
        {
            ModelState.AddModelError(string.Empty, text["consumer.buy.gatewayDown"]);
        }

        await LoadAsync(id);
        AutoRefresh = false;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var consumerId = user.RequiredId;
        if (await checkout.FindForConsumerAsync(id, consumerId) is not { } order)
        {
            return false;
        }

        Order = order;
        if (order.State == OrderState.PendingPayment)
        {
            var pending = new OrderPayments(db);
            AwaitingCheckoutPayment = await pending.CheckoutGatewayPendingAsync(order);
            AwaitingGateway = AwaitingCheckoutPayment || await pending.GatewayPendingAsync(id);
            AutoRefresh = AwaitingGateway && clock.GetUtcNow() - order.CreatedAt < AutoRefreshWindow;
            WalletBalanceFen = await new WalletQueries(db).BalanceAsync(consumerId);
        }
        else if (order.State == OrderState.Paid)
        {
            Vouchers = (await vouchers.OfConsumerAsync(consumerId)).Where(v => v.OrderId == id).ToList();
        }
        else
        {
            LateRefundFen = await db.Set<LatePaymentRefund>().Where(r => r.OrderId == id).Select(r => (long?)r.AmountFen).FirstOrDefaultAsync();
        }

        return true;
    }
}
