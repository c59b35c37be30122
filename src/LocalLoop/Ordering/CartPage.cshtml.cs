using LocalLoop.Platform;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Ordering;

/// <summary>The consumer's cart, grouped per merchant as checkout will split it: change quantities, remove lines, go to checkout.</summary>
[Authorize]
public sealed class CartPageModel(Cart cart, CurrentUser user, Text text) : ActionPageModel
{
    public CartView Cart { get; private set; } = new([], 0, 0);

    public Task OnGetAsync() => LoadAsync();

    /// <summary>From the product page: adds the chosen SKU's quantity to what the cart already holds, and shows the cart.</summary>
    public Task<IActionResult> OnPostAddAsync(Guid productId, Guid sku, int? quantity) => ActAsync(async () =>
    {
        var already = (await cart.ItemsAsync(user.RequiredId)).Where(i => i.SkuId == sku).Sum(i => i.Quantity);
        await cart.SetAsync(user.RequiredId, new CartItemRequest(productId, sku, already + (quantity ?? 1)));
        return text["orderpages.cart.added"];
    });

    public Task<IActionResult> OnPostSetAsync(Guid productId, Guid sku, int? quantity) =>
        ActAsync(() => cart.SetAsync(user.RequiredId, new CartItemRequest(productId, sku, quantity ?? -1)), text["orderpages.cart.updated"]);

    public Task<IActionResult> OnPostRemoveAsync(Guid productId, Guid sku) =>
        ActAsync(() => cart.SetAsync(user.RequiredId, new CartItemRequest(productId, sku, 0)), text["orderpages.cart.removed"]);

    protected override async Task LoadAsync() => Cart = await cart.ViewAsync(user.RequiredId);
}
