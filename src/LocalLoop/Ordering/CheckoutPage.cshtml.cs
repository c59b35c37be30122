using LocalLoop.Platform;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ordering;

/// <summary>
/// Checkout of the whole cart on the web: how the goods come, to whom and where, cash on delivery when every merchant
/// accepts it. Places one order per merchant (<see cref="CartCheckout"/>, channel Web) and goes on to pay them; a
/// refusal (out of stock, missing address) is shown on the form and places nothing.
/// </summary>
/// <remarks>The form carries an idempotency key made when it is rendered: sent twice, it places the orders once.</remarks>
[Authorize]
[LocalLoop.Platform.Idempotency.IdempotentForm]
public sealed class CheckoutPageModel(Cart cart, CartCheckout checkout, PickupStores pickupStores, CurrentUser user, Text text) : PageModel
{
    public static readonly string[] Fulfilments = ["shipping", "sameCity", "pickup"];

    /// <summary>The use case's field names that have their own place on the form; other refusals show at the top.</summary>
    private static readonly HashSet<string> FormFields = new(["fulfilment", "recipientName", "recipientPhone", "address"], StringComparer.OrdinalIgnoreCase);

    public CartView Cart { get; private set; } = new([], 0, 0);

    /// <summary>The merchants whose pickup or takeout store the consumer chooses: one radio group each.</summary>
    public List<MerchantStoreChoice> StoreChoices { get; private set; } = [];

    /// <summary>Cash on delivery is offered only when every merchant in the cart accepts it.</summary>
    public bool CashOnDeliveryOffered => Cart.Merchants.Count > 0 && Cart.Merchants.All(m => m.AllowsCashOnDelivery);

    [BindProperty]
    public CheckoutForm Input { get; set; } = new();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Cart.ItemCount == 0)
        {
            ModelState.AddModelError(string.Empty, text["orderpages.cart.empty"]);
            return Page();
        }

        try
        {
            var placed = await checkout.PlaceAsync(user.RequiredId, new CheckoutRequest(Input.Fulfilment, null, Input.StoreIds, Input.RecipientName, Input.RecipientPhone,
                Input.Address, Input.CashOnDelivery && CashOnDeliveryOffered), OrderChannel.Web);
            return LocalRedirect($"/checkout/{placed.CheckoutId}");
        }
        catch (ValidationException ex) when (ex.Errors.Keys.All(FormFields.Contains))
        {
            PageErrors.AddTo(ModelState, ex, "Input");
            return Page();
        }
        catch (DomainException ex)
        {
            OrderPageErrors.AddAtTop(ModelState, ex);
            return Page();
        }
    }

    /// <summary>The store checked in a merchant's group: the one posted, else the first (checkout's own default).</summary>
    public Guid ChosenStore(MerchantStoreChoice choice) =>
        choice.Stores.FirstOrDefault(s => Input.StoreIds.Contains(s.Id))?.Id ?? choice.Stores[0].Id;

    private async Task LoadAsync()
    {
        Cart = await cart.ViewAsync(user.RequiredId);
        StoreChoices = await pickupStores.ForCartAsync(Cart);
    }

    /// <summary>The refusal of one field; the use case names fields as the JSON API does ("address"), the form as C# does ("Address").</summary>
    public string? ErrorOf(string field) => ModelState
        .Where(e => string.Equals(e.Key, $"Input.{field}", StringComparison.OrdinalIgnoreCase))
        .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).FirstOrDefault();

    public sealed class CheckoutForm
    {
        public string? Fulfilment { get; set; } = "shipping";
        public string? RecipientName { get; set; }
        public string? RecipientPhone { get; set; }
        public string? Address { get; set; }
        public bool CashOnDelivery { get; set; }

        /// <summary>One store per merchant that has a choice; a store of another merchant is ignored by checkout.</summary>
        public List<Guid> StoreIds { get; set; } = [];
    }
}
