using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ads;

public sealed record ServedAd(Guid Id, string Slot, string Title, string ImageUrl, string ClickUrl, Guid? MerchantId);

/// <summary>
/// Serves the ads live now in a slot of a city, in order, and counts impressions and clicks per placement and day.
/// Counting is an increment in the database (UPDATE … SET n = n + 1) after a create-if-missing that tolerates a
/// parallel create, so concurrent requests never lose a count.
/// </summary>
public sealed class AdServing(AppDbContext db, TimeProvider clock)
{
    public const int MaxPerSlot = 10;

    public async Task<List<ServedAd>> ServeAsync(string slot, string city)
    {
        if (!AdSlots.All.Contains(slot))
        {
            throw Validation.Single("slot", $"Slot must be one of {string.Join(", ", AdSlots.All)}.", $"广告位须为 {string.Join("、", AdSlots.All)} 之一。");
        }

        var now = clock.GetUtcNow();
        var live = await db.AdPlacements.AsNoTracking()
            .Where(p => p.Slot == slot && p.CityCode == city && p.Active && p.StartsAt <= now && p.EndsAt > now)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.StartsAt).ThenBy(p => p.Id).Take(MaxPerSlot).ToListAsync();
        foreach (var placement in live)
        {
            await CountAsync(placement, click: false);
        }

        return live.Select(p => new ServedAd(p.Id, p.Slot, p.Title, p.ImageUrl, $"/ads/{p.Id}/click", p.MerchantId)).ToList();
    }

    /// <summary>Counts a click and answers where it leads.</summary>
    public async Task<string> ClickAsync(Guid placementId)
    {
        var placement = await db.AdPlacements.AsNoTracking().SingleOrDefaultAsync(p => p.Id == placementId) ?? throw DomainException.NotFound("Ad", "广告");
        await CountAsync(placement, click: true);
        return placement.TargetKind switch
        {
            AdTargetKind.Store => $"/stores/{placement.TargetId}",
            AdTargetKind.Deal => $"/deals/{placement.TargetId}",
            AdTargetKind.Product => $"/products/{placement.TargetId}",
            _ => placement.TargetUrl ?? "/",
        };
    }

    private async Task CountAsync(AdPlacement placement, bool click)
    {
        var day = DateOnly.FromDateTime(ConsumerFormat.Local(clock.GetUtcNow()).DateTime);
        if (await IncrementAsync(placement.Id, day, click) > 0)
        {
            return;
        }

        try
        {
            db.AdDailyStats.Add(new AdDailyStat
            {
                PlacementId = placement.Id, Day = day, Slot = placement.Slot, MerchantId = placement.MerchantId, Impressions = click ? 0 : 1, Clicks = click ? 1 : 0,
            });
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A parallel request created the day's row first: add to it instead.
            db.ChangeTracker.Clear();
            await IncrementAsync(placement.Id, day, click);
        }
    }

    private Task<int> IncrementAsync(Guid placementId, DateOnly day, bool click)
    {
        var row = db.AdDailyStats.Where(s => s.PlacementId == placementId && s.Day == day);
        return click
            ? row.ExecuteUpdateAsync(s => s.SetProperty(x => x.Clicks, x => x.Clicks + 1))
            : row.ExecuteUpdateAsync(s => s.SetProperty(x => x.Impressions, x => x.Impressions + 1));
    }
}

public sealed record AdReportRow(string Slot, Guid? MerchantId, string MerchantName, long Impressions, long Clicks)
{
    /// <summary>Click-through rate in percent, one decimal.</summary>
    public double ClickThroughPercent => Impressions == 0 ? 0 : Math.Round(Clicks * 100.0 / Impressions, 1);
}

/// <summary>Impressions and clicks per slot and merchant over a range of days.</summary>
public sealed class AdReport(AppDbContext db)
{
    public async Task<List<AdReportRow>> ForAsync(DateOnly from, DateOnly to)
    {
        var sums = await db.AdDailyStats.AsNoTracking().Where(s => s.Day >= from && s.Day <= to)
            .GroupBy(s => new { s.Slot, s.MerchantId })
            .Select(g => new { g.Key.Slot, g.Key.MerchantId, Impressions = g.Sum(s => s.Impressions), Clicks = g.Sum(s => s.Clicks) }).ToListAsync();
        var merchantIds = sums.Where(s => s.MerchantId != null).Select(s => s.MerchantId!.Value).Distinct().ToList();
        var names = await db.Merchants.AsNoTracking().Where(m => merchantIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name);
        return sums.Select(s => new AdReportRow(s.Slot, s.MerchantId, s.MerchantId is { } id ? names.GetValueOrDefault(id, "") : "LocalLoop", s.Impressions, s.Clicks))
            .OrderBy(r => r.Slot).ThenByDescending(r => r.Impressions).ToList();
    }
}
