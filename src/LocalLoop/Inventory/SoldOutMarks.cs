using System.Collections.Concurrent;

namespace LocalLoop.Inventory;

/// <summary>
/// This node's memory of SKUs found with nothing available anywhere (decision 0036): in a flash sale almost every
/// buyer arrives after the last unit is gone, and refusing them from memory spares the database a read per attempt.
/// A mark only ever refuses, never sells, so it cannot oversell; it lasts <see cref="Lifetime"/>, and stock coming back
/// through this node (a receipt, a release) clears it at once — another node's mark may refuse for at most that long.
/// </summary>
public sealed class SoldOutMarks(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, (string Label, DateTimeOffset Until)> marks = new();

    public void Mark(Guid skuId, string label) => marks[skuId] = (label, clock.GetUtcNow() + Lifetime);

    public void Clear(Guid skuId) => marks.TryRemove(skuId, out _);

    /// <summary>The label of the first marked SKU among these, or null when none is marked (any more).</summary>
    public string? FirstMarked(IEnumerable<Guid> skuIds)
    {
        var now = clock.GetUtcNow();
        foreach (var skuId in skuIds)
        {
            if (marks.TryGetValue(skuId, out var mark))
            {
                if (mark.Until > now)
                {
                    return mark.Label;
                }

                marks.TryRemove(KeyValuePair.Create(skuId, mark));
            }
        }

        return null;
    }
}
