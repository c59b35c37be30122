using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <summary>
/// Demo opening hours: restaurants open for lunch and dinner, every third store open late into the night, beauty and
/// health stores closed on Mondays, and 春节 / 元旦 exceptions, so the store pages show every state; and a few ad placements.
/// </summary>
public static class StoresDemo
{
    public static async Task SeedAsync(IServiceProvider services, DateTimeOffset now)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var stores = await (from store in db.Stores
                            join merchant in db.Merchants on store.MerchantId equals merchant.Id
                            where !db.StoreHours.Any(h => h.StoreId == store.Id)
                            orderby store.CreatedAt, store.Id
                            select new { store.Id, store.MerchantId, merchant.Category }).ToListAsync();
        var year = now.Year + 1;
        for (var i = 0; i < stores.Count; i++)
        {
            var store = stores[i];
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                if (day == DayOfWeek.Monday && store.Category is "beauty" or "health")
                {
                    continue;
                }

                foreach (var (opens, closes) in Periods(store.Category, lateNight: i % 3 == 2))
                {
                    db.StoreHours.Add(new StoreHours { Id = Guid.CreateVersion7(), StoreId = store.Id, MerchantId = store.MerchantId, Day = day, OpensAt = opens, ClosesAt = closes });
                }
            }

            db.StoreHoursExceptions.Add(new StoreHoursException
            {
                Id = Guid.CreateVersion7(), StoreId = store.Id, MerchantId = store.MerchantId, Date = new DateOnly(year, 1, 1),
                OpensAt = new TimeOnly(12, 0), ClosesAt = new TimeOnly(20, 0), Note = "元旦 New Year",
            });
            db.StoreHoursExceptions.Add(new StoreHoursException
            {
                Id = Guid.CreateVersion7(), StoreId = store.Id, MerchantId = store.MerchantId, Date = new DateOnly(2027, 2, 6), Closed = true, Note = "春节 Spring Festival",
            });
        }

        await db.SaveChangesAsync();
        await SeedAdsAsync(db, now);
    }

    /// <summary>Home banners in People's Square and a category-top ad: two stores and a deal, running for a month.</summary>
    private static async Task SeedAdsAsync(AppDbContext db, DateTimeOffset now)
    {
        var stores = await db.Stores.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(2).ToListAsync();
        var deal = await db.Deals.OrderByDescending(d => d.SoldCount).ThenBy(d => d.Id).FirstOrDefaultAsync();
        var order = 0;
        foreach (var store in stores)
        {
            db.AdPlacements.Add(new Ads.AdPlacement
            {
                Id = Guid.CreateVersion7(), Slot = Ads.AdSlots.HomeBanner, CityCode = Discovery.Cities.Default.Code, MerchantId = store.MerchantId,
                TargetKind = Ads.AdTargetKind.Store, TargetId = store.Id, Title = $"{store.Name} · 新店开业", ImageUrl = "/img/ads/banner-" + (order + 1) + ".svg",
                StartsAt = now.AddDays(-1), EndsAt = now.AddDays(30), SortOrder = order++, Active = true, CreatedAt = now,
            });
        }

        if (deal is not null)
        {
            db.AdPlacements.Add(new Ads.AdPlacement
            {
                Id = Guid.CreateVersion7(), Slot = "category_top", CityCode = Discovery.Cities.Default.Code, MerchantId = deal.MerchantId,
                TargetKind = Ads.AdTargetKind.Deal, TargetId = deal.Id, Title = deal.Title + " · 热卖", ImageUrl = "/img/ads/banner-3.svg",
                StartsAt = now.AddDays(-1), EndsAt = now.AddDays(30), SortOrder = 0, Active = true, CreatedAt = now,
            });
        }

        await db.SaveChangesAsync();
    }

    private static (TimeOnly, TimeOnly)[] Periods(string category, bool lateNight) => (category, lateNight) switch
    {
        ("food", true) => [(new(11, 0), new(14, 0)), (new(17, 0), new(2, 0))],
        ("food", false) => [(new(10, 30), new(14, 0)), (new(17, 0), new(22, 0))],
        (_, true) => [(new(10, 0), new(1, 0))],
        _ => [(new(9, 0), new(21, 30))],
    };
}
