using System.Globalization;
using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

/// <summary>
/// What became of a set of vouchers, counted in vouchers or in uses (a card of N uses counts N; an ordinary voucher is one use).
/// Refunds are split: on request (the consumer changed their mind) and at expiry.
/// </summary>
public sealed record BreakageFigures(int Sold, int Verified, int RefundedOnRequest, int RefundedAtExpiry, int ExpiredUnused, int Open)
{
    public int Refunded => RefundedOnRequest + RefundedAtExpiry;

    /// <summary>核销率: verified ÷ (sold − refunded on request); null when nothing counts. A refund at expiry is breakage, not a change of mind, so it stays in the base.</summary>
    public double? RedemptionRate => Sold - RefundedOnRequest is > 0 and var basis ? (double)Verified / basis : null;

    public static BreakageFigures Sum(IEnumerable<BreakageFigures> all) => all.Aggregate(new BreakageFigures(0, 0, 0, 0, 0, 0), (a, b) =>
        new BreakageFigures(a.Sold + b.Sold, a.Verified + b.Verified, a.RefundedOnRequest + b.RefundedOnRequest, a.RefundedAtExpiry + b.RefundedAtExpiry,
            a.ExpiredUnused + b.ExpiredUnused, a.Open + b.Open));
}

/// <summary>
/// The same outcomes in fen, as the ledger moved them: verified = the uses' value paid out of escrow (reversals given back),
/// refunded = the unused part returned, expired unused and open = the unused part still in escrow. They add up to sold.
/// <see cref="BreakageFen"/> is the part of <see cref="ExpiredUnusedFen"/> kept under 不可退 (a refundable one the job has not reached yet is not breakage).
/// </summary>
public sealed record BreakageValue(long SoldFen, long VerifiedFen, long RefundedOnRequestFen, long RefundedAtExpiryFen, long ExpiredUnusedFen, long BreakageFen, long OpenFen)
{
    public long RefundedFen => RefundedOnRequestFen + RefundedAtExpiryFen;

    public static BreakageValue Sum(IEnumerable<BreakageValue> all) => all.Aggregate(new BreakageValue(0, 0, 0, 0, 0, 0, 0), (a, b) =>
        new BreakageValue(a.SoldFen + b.SoldFen, a.VerifiedFen + b.VerifiedFen, a.RefundedOnRequestFen + b.RefundedOnRequestFen,
            a.RefundedAtExpiryFen + b.RefundedAtExpiryFen, a.ExpiredUnusedFen + b.ExpiredUnusedFen, a.BreakageFen + b.BreakageFen, a.OpenFen + b.OpenFen));
}

/// <summary>Uses verified at a store and not reversed.</summary>
public sealed record StoreVerifications(Guid StoreId, string StoreName, int Verified);

/// <param name="UsesPerVoucher">The largest card size among the deal's vouchers in the period: 1 for ordinary vouchers.</param>
/// <param name="Figures">Counted in vouchers: a card is Verified only once all its uses are.</param>
/// <param name="Uses">Counted in uses; its <see cref="BreakageFigures.RedemptionRate"/> is the deal's redemption rate.</param>
public sealed record DealBreakage(Guid DealId, string DealTitle, Guid MerchantId, string MerchantName, int UsesPerVoucher, BreakageFigures Figures,
    BreakageFigures Uses, BreakageValue Value, List<StoreVerifications> Stores);

/// <summary>One bar of the purchase-to-verification histogram: "same day", "1–3 days", ... by Shanghai calendar days.</summary>
public sealed record DurationBucket(string Key, int Count);

/// <summary>Purchase to verification, per verified use that was not reversed.</summary>
public sealed record TimeToVerification(int Count, double? MedianHours, double? P90Hours, List<DurationBucket> Buckets);

public sealed record MerchantOption(Guid Id, string Name);

/// <param name="Totals">All deals, in vouchers.</param>
/// <param name="UseTotals">All deals, in uses: the headline figures and redemption rate.</param>
/// <param name="External">三方平台券码: codes sold on other platforms and consumed at the merchant's stores in the period; not part of our sold or escrow figures.</param>
public sealed record BreakageReportView(DateOnly From, DateOnly To, Guid? MerchantId, BreakageFigures Totals, BreakageFigures UseTotals, BreakageValue ValueTotals,
    List<DealBreakage> Deals, TimeToVerification TimeToVerification, List<ExternalCodes.ExternalStoreConsumptions> External);

/// <summary>
/// The breakage report (核销率): for vouchers issued between two Shanghai dates, per deal, how many vouchers and uses
/// were sold, verified (and where), refunded on request or at expiry, expired unused, or are still open, and their value;
/// how long consumers took from purchase to each verified use; and, apart, the external platforms' codes consumed in the
/// period. A handful of grouped queries whatever the number of deals; the duration percentiles are computed here from
/// the uses' two timestamps, which reads the same on SQLite and PostgreSQL.
/// </summary>
public sealed class BreakageReport(AppDbContext db, TimeProvider clock, ExternalCodes.ExternalCodeQueries externalCodes)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    /// <summary>Histogram bucket keys, by whole Shanghai calendar days between purchase and verification.</summary>
    public static readonly string[] BucketKeys = ["sameDay", "1-3", "4-7", "8-30", "30+"];

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Reads "yyyy-MM-dd" dates; missing ones default to the last <see cref="DefaultDays"/> days up to today (Shanghai).</summary>
    public (DateOnly From, DateOnly To) Range(string? from, string? to)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Shanghai).Date);
        var errors = new Validation();
        var toDate = Parse(to, today, nameof(to), "end date", "结束日期", errors);
        var fromDate = Parse(from, toDate.AddDays(-(DefaultDays - 1)), nameof(from), "start date", "开始日期", errors);
        errors.ThrowIfAny();
        errors.Check(nameof(from), fromDate <= toDate, "The start date must not be after the end date.", "开始日期不能晚于结束日期。");
        errors.Check(nameof(to), toDate.DayNumber - fromDate.DayNumber < MaxDays,
            $"Choose at most {MaxDays} days.", $"日期范围最多 {MaxDays} 天。");
        errors.ThrowIfAny();
        return (fromDate, toDate);
    }

    public Task<List<MerchantOption>> MerchantsAsync() =>
        db.Merchants.AsNoTracking().OrderBy(m => m.Name).Select(m => new MerchantOption(m.Id, m.Name)).ToListAsync();

    /// <param name="merchantId">One merchant's deals, or all merchants' when null (operators).</param>
    public async Task<BreakageReportView> BuildAsync(DateOnly from, DateOnly to, Guid? merchantId)
    {
        var now = clock.GetUtcNow();
        var start = StartOf(from);
        var end = StartOf(to.AddDays(1));
        var issued = db.Vouchers.AsNoTracking().Where(v => v.IssuedAt >= start && v.IssuedAt < end && (merchantId == null || v.MerchantId == merchantId));

        // A voucher's used uses are TotalUses − UsesLeft whatever its state (a reversal gave its use back); its unused
        // uses and value (ValueFen − UsedValueFen) are refunded, expired or still open.
        var byDeal = await issued.GroupBy(v => v.DealId).Select(g => new
        {
            DealId = g.Key,
            Sold = g.Count(),
            Verified = g.Count(v => v.State == VoucherState.Verified),
            Refunded = g.Count(v => v.State == VoucherState.Refunded),
            RefundedAtExpiry = g.Count(v => v.State == VoucherState.Refunded && v.RefundedAt >= v.ExpiresAt),
            ExpiredUnused = g.Count(v => v.State == VoucherState.Issued && v.ExpiresAt <= now),
            UsesPerVoucher = g.Max(v => v.TotalUses),
            UsesSold = g.Sum(v => v.TotalUses),
            UsesVerified = g.Sum(v => v.TotalUses - v.UsesLeft),
            UsesRefunded = g.Sum(v => v.State == VoucherState.Refunded ? v.UsesLeft : 0),
            UsesRefundedAtExpiry = g.Sum(v => v.State == VoucherState.Refunded && v.RefundedAt >= v.ExpiresAt ? v.UsesLeft : 0),
            UsesExpired = g.Sum(v => v.State == VoucherState.Issued && v.ExpiresAt <= now ? v.UsesLeft : 0),
            SoldFen = g.Sum(v => v.ValueFen),
            VerifiedFen = g.Sum(v => v.UsedValueFen),
            RefundedFen = g.Sum(v => v.State == VoucherState.Refunded ? v.ValueFen - v.UsedValueFen : 0),
            RefundedAtExpiryFen = g.Sum(v => v.State == VoucherState.Refunded && v.RefundedAt >= v.ExpiresAt ? v.ValueFen - v.UsedValueFen : 0),
            ExpiredFen = g.Sum(v => v.State == VoucherState.Issued && v.ExpiresAt <= now ? v.ValueFen - v.UsedValueFen : 0),
            BreakageFen = g.Sum(v => v.State == VoucherState.Issued && v.ExpiresAt <= now && v.RefundPolicy == RefundPolicy.None ? v.ValueFen - v.UsedValueFen : 0),
        }).ToListAsync();

        // Each verified use is a successful log row of ours; a reversed one is no longer a use.
        var uses = await (from a in db.VerificationAttempts.AsNoTracking()
                          join v in issued on a.VoucherId equals (Guid?)v.Id
                          where a.Succeeded && a.ReversedAt == null && a.ExternalPlatform == null
                          select new { v.DealId, a.StoreId, v.IssuedAt, a.At }).ToListAsync();

        var dealIds = byDeal.Select(d => d.DealId).ToList();
        var deals = await db.Deals.AsNoTracking().Where(d => dealIds.Contains(d.Id))
            .Join(db.Merchants, d => d.MerchantId, m => m.Id, (d, m) => new { d.Id, d.Title, d.MerchantId, MerchantName = m.Name }).ToDictionaryAsync(d => d.Id);
        var storeIds = uses.Select(u => u.StoreId).Distinct().ToList();
        var stores = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);

        var rows = byDeal.Select(d =>
        {
            var deal = deals[d.DealId];
            var figures = new BreakageFigures(d.Sold, d.Verified, d.Refunded - d.RefundedAtExpiry, d.RefundedAtExpiry, d.ExpiredUnused,
                d.Sold - d.Verified - d.Refunded - d.ExpiredUnused);
            var useFigures = new BreakageFigures(d.UsesSold, d.UsesVerified, d.UsesRefunded - d.UsesRefundedAtExpiry, d.UsesRefundedAtExpiry, d.UsesExpired,
                d.UsesSold - d.UsesVerified - d.UsesRefunded - d.UsesExpired);
            var value = new BreakageValue(d.SoldFen, d.VerifiedFen, d.RefundedFen - d.RefundedAtExpiryFen, d.RefundedAtExpiryFen, d.ExpiredFen, d.BreakageFen,
                d.SoldFen - d.VerifiedFen - d.RefundedFen - d.ExpiredFen);
            var perStore = uses.Where(u => u.DealId == d.DealId).GroupBy(u => u.StoreId)
                .Select(g => new StoreVerifications(g.Key, stores.GetValueOrDefault(g.Key, "?"), g.Count()))
                .OrderByDescending(s => s.Verified).ThenBy(s => s.StoreName, StringComparer.Ordinal).ToList();
            return new DealBreakage(d.DealId, deal.Title, deal.MerchantId, deal.MerchantName, d.UsesPerVoucher, figures, useFigures, value, perStore);
        }).OrderByDescending(d => d.Uses.Sold).ThenBy(d => d.DealTitle, StringComparer.Ordinal).ToList();

        return new BreakageReportView(from, to, merchantId, BreakageFigures.Sum(rows.Select(r => r.Figures)), BreakageFigures.Sum(rows.Select(r => r.Uses)),
            BreakageValue.Sum(rows.Select(r => r.Value)), rows, Distribution(uses.Select(u => (u.IssuedAt, u.At)).ToList()),
            await externalCodes.ByStoreAsync(merchantId, start, end));
    }

    private static TimeToVerification Distribution(List<(DateTimeOffset Issued, DateTimeOffset Verified)> verified)
    {
        var hours = verified.Select(v => (v.Verified - v.Issued).TotalHours).Order().ToList();
        var counts = new int[BucketKeys.Length];
        foreach (var (issued, used) in verified)
        {
            var days = LocalDay(used).DayNumber - LocalDay(issued).DayNumber;
            counts[days <= 0 ? 0 : days <= 3 ? 1 : days <= 7 ? 2 : days <= 30 ? 3 : 4]++;
        }

        return new TimeToVerification(hours.Count, Percentile(hours, 0.5), Percentile(hours, 0.9),
            BucketKeys.Select((key, i) => new DurationBucket(key, counts[i])).ToList());
    }

    /// <summary>Nearest-rank percentile: a value that actually occurred. Null for no values.</summary>
    private static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)], 1);

    private static DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Shanghai).Date);

    private static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Shanghai.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    private static DateOnly Parse(string? value, DateOnly fallback, string field, string label, string labelZh, Validation errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var ok = DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        errors.Check(field, ok, $"The {label} must be a date like 2026-11-01.", $"{labelZh}须为日期，例如 2026-11-01。");
        return ok ? date : fallback;
    }
}

public static class BreakageReportEndpoints
{
    public static void MapBreakageReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/merchant/reports/breakage", async (string? from, string? to, BreakageReport report, CurrentUser user) =>
            {
                var (start, end) = report.Range(from, to);
                return TypedResults.Ok(await report.BuildAsync(start, end, user.RequiredMerchantId));
            })
            .WithTags("Merchant console").RequireAuthorization(Policies.MerchantFinance);
        app.MapGet("/api/admin/reports/breakage", async (string? from, string? to, Guid? merchantId, BreakageReport report) =>
            {
                var (start, end) = report.Range(from, to);
                return TypedResults.Ok(await report.BuildAsync(start, end, merchantId));
            })
            .WithTags("Operations").RequireAuthorization(Policies.Operator);
    }
}
