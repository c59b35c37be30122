using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ordering;

/// <summary>
/// The number on the cart link of the navigation: units in the signed-in consumer's cart, as the cart page counts them.
/// One SUM per page view, and only for consumers: visitors and merchant staff get none.
/// </summary>
public sealed class CartBadge(AppDbContext db, CurrentUser user)
{
    public async Task<int?> CountAsync()
    {
        if (user.Id is not { } consumerId || user.MerchantId is not null || !user.IsInRole(Roles.Consumer))
        {
            return null;
        }

        var units = await db.CartItems.Where(i => i.ConsumerId == consumerId).SumAsync(i => i.Quantity);
        return units > 0 ? units : null;
    }
}
