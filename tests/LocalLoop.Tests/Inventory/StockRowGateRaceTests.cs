using System.Collections.Concurrent;
using LocalLoop.Inventory;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Inventory;

/// <summary>The node's admission to hot stock rows: never more than four checkouts at one row, and overlapping checkouts never block each other for good.</summary>
public sealed class StockRowGateRaceTests
{
    [Fact]
    public async Task Checkouts_of_overlapping_rows_in_any_order_all_get_through_and_at_most_four_at_a_row()
    {
        var gates = new StockRowGates();
        var merchant = Guid.NewGuid();
        var rows = Enumerable.Range(0, 5).Select(_ => new StockKey(merchant, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid())).ToArray();
        var inside = new ConcurrentDictionary<StockKey, int>();
        var most = new ConcurrentDictionary<StockKey, int>();
        var done = 0;

        // 300 checkouts, each of two or three of the five rows in a random order, all at once.
        var checkouts = Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var mine = rows.OrderBy(_ => Random.Shared.Next()).Take(2 + i % 2).ToArray();
            using (await gates.EnterAsync(mine))
            {
                foreach (var row in mine)
                {
                    var now = inside.AddOrUpdate(row, 1, (_, n) => n + 1);
                    most.AddOrUpdate(row, now, (_, m) => Math.Max(m, now));
                }

                await Task.Yield();
                foreach (var row in mine)
                {
                    inside.AddOrUpdate(row, 0, (_, n) => n - 1);
                }
            }

            Interlocked.Increment(ref done);
        }));

        // A guard against a deadlock hanging the run, not a measure of speed.
        await Task.WhenAll(checkouts).WaitAsync(TimeSpan.FromSeconds(60));
        done.ShouldBe(300);
        most.Values.All(m => m <= 4).ShouldBeTrue($"at most four at a row: {string.Join(", ", most.Values)}");
        inside.Values.All(n => n == 0).ShouldBeTrue("every admission was given back");
    }
}
