using LocalLoop.Inventory;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>The stock invariants every inventory test ends with, over the whole database.</summary>
public static class StockAssertions
{
    /// <summary>
    /// Each level's on-hand equals the sum of its journal, its reserved quantity equals its held reservations,
    /// and 0 ≤ reserved ≤ on-hand.
    /// </summary>
    public static Task<bool> AssertStockMatchesJournalAsync(this TestApp app) => app.WithDbAsync(async db =>
    {
        var levels = await db.StockLevels.AsNoTracking().ToListAsync();
        var journal = (await db.StockMovements.GroupBy(m => new { m.LocationId, m.SkuId })
            .Select(g => new { g.Key.LocationId, g.Key.SkuId, Sum = g.Sum(m => m.Quantity) }).ToListAsync())
            .ToDictionary(x => (x.LocationId, x.SkuId), x => x.Sum);
        var held = (await db.StockReservations.Where(r => r.Status == ReservationStatus.Held).GroupBy(r => new { r.LocationId, r.SkuId })
            .Select(g => new { g.Key.LocationId, g.Key.SkuId, Sum = g.Sum(r => r.Quantity) }).ToListAsync())
            .ToDictionary(x => (x.LocationId, x.SkuId), x => x.Sum);
        foreach (var level in levels)
        {
            level.OnHand.ShouldBe(journal.GetValueOrDefault((level.LocationId, level.SkuId)), $"on-hand of {level.SkuId} at {level.LocationId} equals its journal");
            level.Reserved.ShouldBe(held.GetValueOrDefault((level.LocationId, level.SkuId)), $"reserved of {level.SkuId} at {level.LocationId} equals its held reservations");
            (level.Reserved >= 0 && level.Reserved <= level.OnHand).ShouldBeTrue("0 ≤ reserved ≤ on-hand");
        }

        journal.Keys.Except(levels.Select(l => (l.LocationId, l.SkuId))).ShouldBeEquivalentTo([]);
        return true;
    });
}
