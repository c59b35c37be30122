using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Ordering;

/// <summary>The merchant's orders of every kind and channel, newest first, filtered by state, a page at a time.</summary>
[Authorize(Policy = Policies.MerchantStaff)]
public sealed class MerchantOrdersModel(OrderQueries queries, CurrentUser user) : PageModel
{
    public OrderState? State { get; private set; }

    public List<OrderView> Orders { get; private set; } = [];

    public OrderPager Pager { get; private set; } = new(1, 0, _ => "/merchant/orders");

    public async Task OnGetAsync(string? state, int? page)
    {
        State = Enum.TryParse<OrderState>(state, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(state, out _) ? parsed : null;
        var found = await queries.OfMerchantAsync(user.RequiredMerchantId, State, page ?? 1);
        Orders = found.Orders;
        Pager = new OrderPager(found.Page, found.TotalCount, p => $"/merchant/orders?page={p}" + (State is { } s ? $"&state={s}" : ""));
    }
}
