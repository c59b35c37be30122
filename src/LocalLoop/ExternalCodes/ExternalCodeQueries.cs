using LocalLoop.Discovery;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Localization;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.ExternalCodes;

/// <param name="State">Pending (unconfirmed), Consumed, Failed or Reversed.</param>
/// <param name="ReversibleUntil">Until when the store may reverse it; null if it cannot.</param>
public sealed record ExternalConsumptionView(Guid Id, string Platform, string PlatformName, string Code, string Title, long FaceValueFen, long SettlementFen,
    string State, string StoreName, string ClerkName, DateTimeOffset CreatedAt, DateTimeOffset? ConsumedAt, DateTimeOffset? ReversedAt, string? ReversalReason,
    DateTimeOffset? ReversibleUntil);

/// <summary>One platform's consumptions on one day (Asia/Shanghai): what that platform owes the merchant for it.</summary>
public sealed record ExternalSettlementDay(string Platform, string PlatformName, DateOnly Day, int Count, long FaceValueFen, long SettlementFen);

public sealed record ExternalSettlementTotal(string Platform, string PlatformName, int Count, long FaceValueFen, long SettlementFen);

/// <summary>三方平台结算: kept apart from our ledger; the external platform pays the merchant itself.</summary>
public sealed record ExternalSettlement(DateOnly From, DateOnly To, List<ExternalSettlementDay> Days, List<ExternalSettlementTotal> Totals);

/// <summary>One platform's codes consumed at one store in a period: those still consumed (with their face value and the platform's settlement), and those reversed since.</summary>
public sealed record ExternalStoreConsumptions(string Platform, string PlatformName, Guid StoreId, string StoreName, int Consumed, int Reversed, long FaceValueFen,
    long SettlementFen);

public sealed class ExternalCodeQueries(AppDbContext db, ExternalVoucherProviders providers, TimeProvider clock, IOptions<VoucherOptions> options)
{
    public const int MaxSettlementDays = 92;

    public async Task<List<ExternalConsumptionView>> RecentAsync(Guid merchantId, int take = 30)
    {
        var rows = await (from c in db.ExternalConsumptions
                          where c.MerchantId == merchantId && c.State != ExternalConsumptionState.Failed
                          join store in db.Stores on c.StoreId equals store.Id
                          join clerk in db.Users on c.ClerkUserId equals clerk.Id
                          orderby c.CreatedAt descending
                          select new { c, StoreName = store.Name, ClerkName = clerk.DisplayName })
            .Take(take).AsNoTracking().ToListAsync();
        var now = clock.GetUtcNow();
        var window = options.Value.ReversalWindow;
        return rows.Select(r => new ExternalConsumptionView(r.c.Id, r.c.Platform, PlatformName(r.c.Platform), r.c.Code, r.c.Title, r.c.FaceValueFen, r.c.SettlementFen,
            r.c.State.ToString(), r.StoreName, r.ClerkName, r.c.CreatedAt, r.c.ConsumedAt, r.c.ReversedAt, r.c.ReversalReason,
            r.c.State == ExternalConsumptionState.Consumed && r.c.ConsumedAt is { } at && now < at + window ? at + window : null)).ToList();
    }

    /// <summary>Consumed, unreversed external codes per platform and Shanghai day, from <paramref name="from"/> to <paramref name="to"/> inclusive (default: the last 30 days).</summary>
    public async Task<ExternalSettlement> SettlementAsync(Guid merchantId, DateOnly? from, DateOnly? to)
    {
        var today = DateOnly.FromDateTime(ConsumerFormat.Local(clock.GetUtcNow()).DateTime);
        var last = to ?? today;
        var first = from ?? last.AddDays(-29);
        if (first > last || last.DayNumber - first.DayNumber >= MaxSettlementDays)
        {
            throw Platform.Validation.Single("from", $"Choose a period of 1 to {MaxSettlementDays} days, the start not after the end.",
                $"请选择 1 到 {MaxSettlementDays} 天的时间段，开始日期不能晚于结束日期。");
        }

        var start = StartOf(first);
        var end = StartOf(last.AddDays(1));
        var rows = await db.ExternalConsumptions.AsNoTracking()
            .Where(c => c.MerchantId == merchantId && c.State == ExternalConsumptionState.Consumed && c.ConsumedAt >= start && c.ConsumedAt < end)
            .Select(c => new { c.Platform, c.ConsumedAt, c.FaceValueFen, c.SettlementFen }).ToListAsync();
        var days = rows.GroupBy(r => (r.Platform, Day: DateOnly.FromDateTime(ConsumerFormat.Local(r.ConsumedAt!.Value).DateTime)))
            .Select(g => new ExternalSettlementDay(g.Key.Platform, PlatformName(g.Key.Platform), g.Key.Day, g.Count(), g.Sum(r => r.FaceValueFen), g.Sum(r => r.SettlementFen)))
            .OrderByDescending(d => d.Day).ThenBy(d => d.Platform, StringComparer.Ordinal).ToList();
        var totals = days.GroupBy(d => d.Platform)
            .Select(g => new ExternalSettlementTotal(g.Key, PlatformName(g.Key), g.Sum(d => d.Count), g.Sum(d => d.FaceValueFen), g.Sum(d => d.SettlementFen)))
            .OrderBy(t => t.Platform, StringComparer.Ordinal).ToList();
        return new(first, last, days, totals);
    }

    /// <summary>
    /// Per platform and store, the codes consumed between <paramref name="start"/> and <paramref name="end"/> (by consumption time):
    /// one merchant's, or every merchant's when <paramref name="merchantId"/> is null (operators). Pending and failed ones are not counted.
    /// </summary>
    public async Task<List<ExternalStoreConsumptions>> ByStoreAsync(Guid? merchantId, DateTimeOffset start, DateTimeOffset end)
    {
        var rows = await db.ExternalConsumptions.AsNoTracking()
            .Where(c => (merchantId == null || c.MerchantId == merchantId) && c.ConsumedAt >= start && c.ConsumedAt < end
                && (c.State == ExternalConsumptionState.Consumed || c.State == ExternalConsumptionState.Reversed))
            .GroupBy(c => new { c.Platform, c.StoreId })
            .Select(g => new
            {
                g.Key.Platform,
                g.Key.StoreId,
                Consumed = g.Count(c => c.State == ExternalConsumptionState.Consumed),
                Reversed = g.Count(c => c.State == ExternalConsumptionState.Reversed),
                FaceValueFen = g.Sum(c => c.State == ExternalConsumptionState.Consumed ? c.FaceValueFen : 0),
                SettlementFen = g.Sum(c => c.State == ExternalConsumptionState.Consumed ? c.SettlementFen : 0),
            }).ToListAsync();
        var storeIds = rows.Select(r => r.StoreId).Distinct().ToList();
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        return rows.Select(r => new ExternalStoreConsumptions(r.Platform, PlatformName(r.Platform), r.StoreId, stores.GetValueOrDefault(r.StoreId, "?"),
                r.Consumed, r.Reversed, r.FaceValueFen, r.SettlementFen))
            .OrderBy(r => r.Platform, StringComparer.Ordinal).ThenBy(r => r.StoreName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Midnight in Shanghai (UTC+8 all year) of <paramref name="day"/>.</summary>
    private static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    private string PlatformName(string platform) => providers.Find(platform)?.Name(Text.IsChinese) ?? platform;
}
