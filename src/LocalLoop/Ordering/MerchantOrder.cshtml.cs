using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ordering;

/// <summary>
/// One of the merchant's orders with a button for each state its kind may move to next (<see cref="OrderStateMachine.Next"/>);
/// cancelling a paid order is a refund, which has its own page.
/// </summary>
/// <remarks>The progress form carries an idempotency key: dispatch sells stock, completion pays the merchant.</remarks>
[Authorize(Policy = Policies.MerchantStaff)]
[LocalLoop.Platform.Idempotency.IdempotentForm]
public sealed class MerchantOrderModel(OrderQueries queries, OrderFulfilment fulfilment, CurrentUser user, Text text) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    /// <summary>What the last action did (a move, or the POS sale that made this order), shown once after the redirect.</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>The moves a merchant makes from here; a shipped parcel is completed by the consumer's receipt.</summary>
    public IReadOnlyList<OrderState> NextStates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostProgressAsync(Guid id, string? state)
    {
        try
        {
            var to = new ProgressRequest(state).Parse();
            await fulfilment.MoveByMerchantAsync(user.RequiredMerchantId, id, to);
            Done = text.Format("orderpages.merchant.moved", text[OrderBadges.StateKey(to)]);
            return LocalRedirect($"/merchant/orders/{id}");
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            OrderPageErrors.AddAtTop(ModelState, ex);
        }

        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            Order = await queries.OfMerchantAsync(user.RequiredMerchantId, id);
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }

        var kind = Enum.Parse<OrderKind>(Order.Kind);
        NextStates = [.. OrderStateMachine.Next(kind, Enum.Parse<OrderState>(Order.State))
            .Where(s => s is not (OrderState.Cancelled or OrderState.Paid) && !(s == OrderState.Completed && kind == OrderKind.Shipping))];
        return true;
    }
}
