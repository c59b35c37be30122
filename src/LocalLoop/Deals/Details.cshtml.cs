using LocalLoop.Discovery;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Reviews;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Deals;

/// <summary>A deal as a consumer sees it, with the buy form: place the order, then pay by wallet or through the gateway's cashier.</summary>
/// <remarks>The form carries an idempotency key made when it is rendered: sent twice, it places one order.</remarks>
[LocalLoop.Platform.Idempotency.IdempotentForm]
public sealed class DetailsModel(DealViews deals, ReviewQueries reviews, Checkout checkout, PaymentProcessing payments,
    CurrentUser user, AppDbContext db, Text text, RecentViews recent) : PageModel
{
    public DealView Deal { get; private set; } = null!;

    public List<ReviewView> Reviews { get; private set; } = [];

    public long? WalletBalanceFen { get; private set; }

    /// <summary>Set when the order was placed but its payment failed, so the consumer can pay it another way.</summary>
    public Guid? UnpaidOrderId { get; private set; }

    [BindProperty]
    public BuyInput Input { get; set; } = new();

    public string LoginUrl => "/account/login?returnUrl=" + Uri.EscapeDataString(Request.Path);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await recent.RecordAsync(RecentViewKind.Deal, id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (user.Id is not { } consumerId)
        {
            return LocalRedirect(LoginUrl);
        }

        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var method = Input.Method is "wallet" or "gateway" ? Input.Method : null;
        if (method is null)
        {
            ModelState.AddModelError("Input.Method", text["consumer.buy.pickMethod"]);
        }

        // A value that did not bind (e.g. "abc") leaves the default in Input.Quantity, so ask the model state too.
        var quantityBound = ModelState["Input.Quantity"]?.Errors.Count is null or 0;
        if (!quantityBound || Input.Quantity is not { } quantity || quantity is < 1 or > Checkout.MaxQuantity)
        {
            ModelState.Remove("Input.Quantity");
            ModelState.AddModelError("Input.Quantity", text.Format("consumer.buy.quantityRange", Checkout.MaxQuantity));
            return Page();
        }

        if (method is null)
        {
            return Page();
        }

        // Refuse early when the wallet obviously cannot pay, rather than leave an unpaid order behind;
        // the payment itself still checks the balance atomically.
        var total = new Money(Deal.PriceFen) * quantity;
        if (method == "wallet" && WalletBalanceFen < total.Fen)
        {
            ModelState.AddModelError(string.Empty, text.Format("consumer.buy.lowBalance", new Money(WalletBalanceFen ?? 0), total));
            return Page();
        }

        Order order;
        try
        {
            order = await checkout.PlaceAsync(consumerId, new PlaceOrderRequest(id, quantity), OrderChannel.Web);
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
            return Page();
        }

        try
        {
            var result = await payments.PayAsync(consumerId, order.Id, method, Request);
            return result.CashierUrl is { } cashier ? Redirect(cashier) : LocalRedirect($"/orders/{order.Id}");
        }
        catch (Exception ex) when (ex is DomainException or HttpRequestException or GatewayException)
        {
            UnpaidOrderId = order.Id;
            if (ex is DomainException domain)
            {
                PageErrors.AddTo(ModelState, domain, "Input");
            }
            else
            {
                ModelState.AddModelError(string.Empty, text["consumer.buy.gatewayDown"]);
            }

            WalletBalanceFen = await new WalletQueries(db).BalanceAsync(consumerId);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await deals.PublicAsync(id) is not { } deal)
        {
            return false;
        }

        Deal = deal;
        Reviews = await reviews.ForDealAsync(id);
        if (user.Id is { } consumerId)
        {
            WalletBalanceFen = await new WalletQueries(db).BalanceAsync(consumerId);
        }

        return true;
    }
}

public sealed class BuyInput
{
    public int? Quantity { get; set; } = 1;

    public string? Method { get; set; } = "wallet";
}
