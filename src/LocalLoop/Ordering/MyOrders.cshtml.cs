using LocalLoop.Platform.Data;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

public sealed record MyOrderRow(Guid Id, string Title, string MerchantName, OrderKind Kind, OrderState State, int Quantity, long TotalFen, DateTimeOffset CreatedAt);

/// <summary>The consumer's orders of every kind, newest first, a page at a time.</summary>
[Authorize]
public sealed class MyOrdersModel(AppDbContext db, CurrentUser user) : PageModel
{
    public List<MyOrderRow> Orders { get; private set; } = [];

    public OrderPager Pager { get; private set; } = new(1, 0, _ => "/orders");

    public async Task OnGetAsync(int? page)
    {
        var consumerId = user.RequiredId;
        var pageNumber = Math.Max(1, page ?? 1);
        var mine = db.Orders.AsNoTracking().Where(o => o.ConsumerId == consumerId);
        Orders = await (from o in mine
                        join m in db.Merchants.AsNoTracking() on o.MerchantId equals m.Id
                        orderby o.CreatedAt descending, o.Id descending
                        select new MyOrderRow(o.Id, o.DealTitle, m.Name, o.Kind, o.State, o.Quantity, o.TotalFen, o.CreatedAt))
            .Skip((pageNumber - 1) * OrderQueries.PageSize).Take(OrderQueries.PageSize).ToListAsync();
        Pager = new OrderPager(pageNumber, await mine.CountAsync(), p => $"/orders?page={p}");
    }
}
