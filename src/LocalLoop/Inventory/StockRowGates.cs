namespace LocalLoop.Inventory;

/// <summary>
/// This node's admission to the stock rows checkouts hold: at most <see cref="PerRow"/> checkout transactions of one node
/// wait at once on one stock level's row (striped: unrelated SKUs rarely share a stripe). When everyone buys the same SKU,
/// the rest wait here, cheaply, instead of as database backends queued on the row lock, each of which costs the database
/// CPU as it wakes and re-checks the row. Only admission: correctness stays with the conditional update.
/// </summary>
public sealed class StockRowGates
{
    private const int Stripes = 256;
    private const int PerRow = 4;

    private readonly SemaphoreSlim[] stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(PerRow, PerRow)).ToArray();

    /// <summary>Enters the stripes of these rows in one global order (so two checkouts cannot wait on each other).</summary>
    public async Task<IDisposable> EnterAsync(IEnumerable<StockKey> rows)
    {
        var entered = new List<SemaphoreSlim>();
        foreach (var stripe in rows.Select(StripeOf).Distinct().Order())
        {
            await stripes[stripe].WaitAsync();
            entered.Add(stripes[stripe]);
        }

        return new Admission(entered);
    }

    private static int StripeOf(StockKey row) => (int)((uint)HashCode.Combine(row.LocationId, row.SkuId) % Stripes);

    private sealed class Admission(List<SemaphoreSlim> entered) : IDisposable
    {
        public void Dispose() => entered.ForEach(s => s.Release());
    }
}
