using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

public sealed record CashOnDeliverySetting(bool Allowed);

/// <summary>Whether a merchant lets consumers pay cash on delivery; the checkout reads <see cref="Merchants.Merchant.AllowsCashOnDelivery"/> live.</summary>
public sealed class CashOnDeliverySettings(AppDbContext db)
{
    public async Task<CashOnDeliverySetting> GetAsync(Guid merchantId) =>
        new(await db.Merchants.Where(m => m.Id == merchantId).Select(m => m.AllowsCashOnDelivery).SingleAsync());

    public async Task<CashOnDeliverySetting> SetAsync(Guid merchantId, bool allowed)
    {
        await db.Merchants.Where(m => m.Id == merchantId).ExecuteUpdateAsync(s => s.SetProperty(m => m.AllowsCashOnDelivery, allowed));
        return new CashOnDeliverySetting(allowed);
    }
}
