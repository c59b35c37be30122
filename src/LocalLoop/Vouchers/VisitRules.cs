using LocalLoop.Deals;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

/// <summary>
/// What a voucher's validity rules need beyond the voucher itself: the holidays around now, and the vouchers of the
/// same deal this consumer already used at this store on the same business day (a visit, for 每桌限用 N 张).
/// </summary>
public sealed class RuleContext(HolidayCalendar holidays, IReadOnlyList<UsedVoucher> usedAtStore, DateTimeOffset now)
{
    public HolidayCalendar Holidays { get; } = holidays;

    /// <summary>Vouchers of this one's deal and consumer verified (and not reversed) at the store on the business day of now.</summary>
    public int UsedThisVisit(Voucher voucher)
    {
        if (voucher.Rules.PerVisitLimit is null)
        {
            return 0;
        }

        var today = voucher.Rules.BusinessDay(now);
        return usedAtStore.Count(u => u.ConsumerId == voucher.ConsumerId && u.DealId == voucher.DealId && voucher.Rules.BusinessDay(u.VerifiedAt) == today);
    }
}

public sealed record UsedVoucher(Guid ConsumerId, Guid DealId, DateTimeOffset VerifiedAt);

public sealed partial class VoucherVerification
{
    /// <summary>
    /// The context for these vouchers at this store now. A reversed verification put its voucher back to Issued, so it
    /// no longer counts. Two days back covers any business day, hours across midnight included. No upper bound: a
    /// verification committed by a request that read the clock a moment after this one still belongs to the visit.
    /// </summary>
    private async Task<RuleContext> RuleContextAsync(Guid storeId, IReadOnlyCollection<Voucher> vouchers, DateTimeOffset now)
    {
        var holidays = vouchers.Any(v => v.Rules.HolidaysOff) ? await HolidayCalendar.AroundAsync(db, now) : HolidayCalendar.Empty;
        var limited = vouchers.Where(v => v.Rules.PerVisitLimit is not null).ToList();
        if (limited.Count == 0)
        {
            return new RuleContext(holidays, [], now);
        }

        var consumerIds = limited.Select(v => v.ConsumerId).Distinct().ToList();
        var dealIds = limited.Select(v => v.DealId).Distinct().ToList();
        var since = now.AddDays(-2);
        var used = await db.Vouchers.AsNoTracking()
            .Where(v => consumerIds.Contains(v.ConsumerId) && dealIds.Contains(v.DealId) && v.State == VoucherState.Verified
                && v.VerifiedAtStoreId == storeId && v.VerifiedAt >= since)
            .Select(v => new UsedVoucher(v.ConsumerId, v.DealId, v.VerifiedAt!.Value)).ToListAsync();
        return new RuleContext(holidays, used, now);
    }

    /// <summary>
    /// Serialises verifications of the same consumer's vouchers of the same per-visit-limited deal, so the limit holds
    /// when two clerks verify them at once: the limit counts committed verifications, and without this both could
    /// count before either commits. Call first in the verification transaction, then count again. On PostgreSQL the
    /// vouchers of the (consumer, deal) are locked FOR UPDATE in id order until the transaction ends (the count after
    /// it sees the other's commit); on SQLite a no-op update makes the transaction the writer, which SQLite
    /// serialises. Pairs are locked in a fixed order so two batches sharing pairs queue rather than deadlock.
    /// </summary>
    private async Task LockVisitsAsync(IEnumerable<Voucher> vouchers)
    {
        var pairs = vouchers.Where(v => v.Rules.PerVisitLimit is not null).Select(v => (v.ConsumerId, v.DealId)).Distinct()
            .OrderBy(p => p.ConsumerId).ThenBy(p => p.DealId);
        foreach (var (consumerId, dealId) in pairs)
        {
            if (db.Database.IsNpgsql())
            {
                // Row locks taken in id order: a multi-row UPDATE locks in scan order, which other updates of these
                // rows can change, so two verifications could each hold a row the other waits for (a deadlock, seen in CI).
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"SELECT 1 FROM \"Vouchers\" WHERE \"ConsumerId\" = {consumerId} AND \"DealId\" = {dealId} ORDER BY \"Id\" FOR UPDATE");
            }
            else
            {
                await db.Vouchers.Where(v => v.ConsumerId == consumerId && v.DealId == dealId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.ConsumerId, v => v.ConsumerId));
            }
        }
    }

    /// <summary>For a batch: how many vouchers of the same consumer and deal come before each one in the batch, so a batch holding more than the per-visit limit is refused.</summary>
    private static int EarlierInBatch(List<Voucher?> batch, int index) =>
        batch[index] is { } voucher ? batch.Take(index).Count(v => v is not null && v.ConsumerId == voucher.ConsumerId && v.DealId == voucher.DealId) : 0;
}
