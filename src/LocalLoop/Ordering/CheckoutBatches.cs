using LocalLoop.Inventory;

namespace LocalLoop.Ordering;

/// <summary>
/// Group commit for checkouts that hold the same stock row (decision 0041). The first checkout of a row writes alone;
/// checkouts arriving while it writes wait here, and when it commits, the first of them writes all of them (up to
/// <see cref="MaxBatch"/>) in one transaction: one begin, one batch of inserts, one commit for many orders, and one
/// writer per row on this node instead of a queue on the row's lock. Only the queue lives here; what a batch writes
/// and how a refused member is taken out is <see cref="CartCheckout"/>'s.
/// </summary>
public sealed class CheckoutBatches
{
    public const int MaxBatch = 16;

    private readonly Lock sync = new();
    private readonly Dictionary<StockKey, Queue<Member>> waiting = [];

    /// <summary>The most checkouts one batch of this node has held: how much grouping the load produced.</summary>
    public int LargestBatch { get; private set; }

    /// <summary>One checkout in a batch, and how it ended.</summary>
    public sealed class Member(CartCheckout.PreparedCheckout work)
    {
        private readonly TaskCompletionSource<List<Member>?> turn = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CartCheckout.PreparedCheckout Work { get; } = work;

        public CheckoutResult? Result { get; set; }

        public Exception? Error { get; set; }

        /// <summary>The batch failed as a whole (not this member's doing): place this checkout again on its own.</summary>
        public bool RetryAlone { get; set; }

        /// <summary>Completes with a batch for this member's request to write, or with null once another wrote it.</summary>
        public Task<List<Member>?> Turn => turn.Task;

        internal void Lead(List<Member> batch) => turn.SetResult(batch);

        public void Done() => turn.TrySetResult(null);
    }

    /// <summary>The batch to write now (this member alone) if no one writes this row; otherwise null: await <see cref="Member.Turn"/>.</summary>
    public List<Member>? Join(StockKey key, Member member)
    {
        lock (sync)
        {
            if (waiting.TryGetValue(key, out var queue))
            {
                queue.Enqueue(member);
                return null;
            }

            waiting[key] = new Queue<Member>();
            return [member];
        }
    }

    /// <summary>
    /// After a batch of the row ended, however it ended: the members waiting meanwhile become the next batch, written
    /// by the first of them; with none waiting, the row has no writer.
    /// </summary>
    public void HandOver(StockKey key)
    {
        List<Member> next = [];
        lock (sync)
        {
            var queue = waiting[key];
            while (queue.Count > 0 && next.Count < MaxBatch)
            {
                next.Add(queue.Dequeue());
            }

            if (next.Count == 0)
            {
                waiting.Remove(key);
                return;
            }

            LargestBatch = Math.Max(LargestBatch, next.Count);
        }

        next[0].Lead(next);
    }
}
