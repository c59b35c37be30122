using LocalLoop.Platform.Data;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace LocalLoop.Tests.Stores;

/// <summary>Migration 0018 turns each store's old single daily hours into seven weekly rows that EF reads back by id.</summary>
public sealed class StoresMigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Old_daily_hours_become_seven_weekly_periods(string database)
    {
        await using var old = await TestDatabases.CreateAsync(database);
        var storeId = Guid.NewGuid();
        var merchantId = Guid.NewGuid();
        await using (var db = old.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000014_MerchantsCatalogFoundation");
            // Written as version 14 wrote it, with the columns the model no longer has.
            var createdAt = database == "sqlite" ? (object)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : DateTimeOffset.UtcNow;
            var opens = database == "sqlite" ? (object)"10:30:00" : new TimeOnly(10, 30);
            var closes = database == "sqlite" ? (object)"02:00:00" : new TimeOnly(2, 0);
            var id = database == "sqlite" ? (object)storeId.ToString().ToUpperInvariant() : storeId;
            var merchant = database == "sqlite" ? (object)merchantId.ToString().ToUpperInvariant() : merchantId;
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "Stores" ("Id", "MerchantId", "Name", "City", "Address", "Latitude", "Longitude", "Phone", "OpensAt", "ClosesAt", "CreatedAt") VALUES ({0}, {1}, '夜宵店', '上海', '南京东路1号', 31.23, 121.47, '021-1234567', {2}, {3}, {4})""",
                id, merchant, opens, closes, createdAt);
            await db.Database.MigrateAsync();
        }

        await using (var db = old.NewContext())
        {
            var week = await db.StoreHours.Where(h => h.StoreId == storeId).ToListAsync();
            week.Select(h => h.Day).Order().ShouldBeEquivalentTo(Enum.GetValues<DayOfWeek>());
            week.All(h => h.OpensAt == new TimeOnly(10, 30) && h.ClosesAt == new TimeOnly(2, 0) && h.MerchantId == merchantId).ShouldBeTrue("each day keeps the old period");
            week.Select(h => h.Id).Distinct().Count().ShouldBe(7, "every row has its own id");
            var one = week[3];
            (await db.StoreHours.SingleAsync(h => h.Id == one.Id)).Day.ShouldBe(one.Day, "ids are stored the way EF looks them up");
        }
    }
}
