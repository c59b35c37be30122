using LocalLoop.Deals;
using LocalLoop.Ledger;
using LocalLoop.Merchants;
using LocalLoop.Ordering;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Operations;

public sealed record DayCount(DateOnly Day, int Count, long AmountFen);

public sealed record MerchantDashboard(string MerchantName, int VerificationsToday, int VerificationsTotal, long GmvFen, long VerifiedValueFen,
    long CommissionFen, long PendingBalanceFen, long EscrowHeldFen, int VouchersOutstanding, List<DayCount> VerificationsByDay);

public sealed record OperatorDashboard(int MerchantsPendingReview, int DealsPendingReview, int Merchants, int ApprovedDeals, long GmvFen,
    long CommissionFen, long EscrowFen, long LedgerSumFen, List<DayCount> GmvByDay);

/// <summary>The numbers each console opens with. Balances come from the ledger, the source of truth for money.</summary>
public sealed class Dashboards(AppDbContext db, TimeProvider clock)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public const int ChartDays = 14;

    public async Task<MerchantDashboard> ForMerchantAsync(Guid merchantId)
    {
        var now = clock.GetUtcNow();
        var todayStart = StartOfLocalDay(now);
        var chartStart = todayStart.AddDays(-(ChartDays - 1));
        var name = await db.Merchants.Where(m => m.Id == merchantId).Select(m => m.Name).SingleAsync();
        // Verifications by use, as the breakage report counts them: each successful log row of one of our vouchers
        // (a card's use or an ordinary voucher), minus those reversed. External codes are counted on their own pages.
        var uses = db.VerificationAttempts.Where(a => a.MerchantId == merchantId && a.Succeeded && a.VoucherId != null && a.ReversedAt == null);
        var recent = await uses.Where(a => a.At >= chartStart).Select(a => new { a.At, a.ValueFen }).ToListAsync();
        var pendingAccount = Accounts.MerchantPending(merchantId);
        return new MerchantDashboard(
            name,
            recent.Count(a => a.At >= todayStart),
            await uses.CountAsync(),
            await db.Orders.Where(o => o.MerchantId == merchantId && o.State == OrderState.Paid).SumAsync(o => o.TotalFen),
            // By use, so a card's uses count as they are consumed (an ordinary voucher: its whole value once verified).
            await db.Vouchers.Where(v => v.MerchantId == merchantId).SumAsync(v => v.UsedValueFen),
            await db.Vouchers.Where(v => v.MerchantId == merchantId).SumAsync(v => v.CommissionFen ?? 0),
            await db.LedgerEntries.Where(e => e.Account == pendingAccount).SumAsync(e => e.AmountFen),
            await db.Vouchers.Where(v => v.MerchantId == merchantId && v.State == VoucherState.Issued).SumAsync(v => v.ValueFen - v.UsedValueFen),
            await db.Vouchers.Where(v => v.MerchantId == merchantId && v.State == VoucherState.Issued).CountAsync(),
            ByDay(chartStart, recent.Select(a => (a.At, a.ValueFen ?? 0))));
    }

    public async Task<OperatorDashboard> ForPlatformAsync()
    {
        var now = clock.GetUtcNow();
        var chartStart = StartOfLocalDay(now).AddDays(-(ChartDays - 1));
        var paid = db.Orders.Where(o => o.State == OrderState.Paid);
        var recent = await paid.Where(o => o.PaidAt >= chartStart).Select(o => new { o.PaidAt, o.TotalFen }).ToListAsync();
        return new OperatorDashboard(
            await db.MerchantApplications.CountAsync(a => a.Status == ApplicationStatus.Pending),
            await db.Deals.CountAsync(d => d.Status == DealStatus.PendingReview),
            await db.Merchants.CountAsync(),
            await db.Deals.CountAsync(d => d.Status == DealStatus.Approved),
            await paid.SumAsync(o => o.TotalFen),
            await db.LedgerEntries.Where(e => e.Account == Accounts.PlatformRevenue).SumAsync(e => e.AmountFen),
            await db.LedgerEntries.Where(e => e.Account == Accounts.PlatformEscrow).SumAsync(e => e.AmountFen),
            await db.LedgerEntries.SumAsync(e => e.AmountFen),
            ByDay(chartStart, recent.Select(o => (o.PaidAt!.Value, o.TotalFen))));
    }

    private static DateTimeOffset StartOfLocalDay(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, China);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }

    private static List<DayCount> ByDay(DateTimeOffset start, IEnumerable<(DateTimeOffset At, long Fen)> events)
    {
        var byDay = events.GroupBy(e => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.At, China).Date))
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Fen: g.Sum(e => e.Fen)));
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, China).Date);
        return Enumerable.Range(0, ChartDays).Select(i => first.AddDays(i))
            .Select(day => byDay.TryGetValue(day, out var v) ? new DayCount(day, v.Count, v.Fen) : new DayCount(day, 0, 0)).ToList();
    }
}

public static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/merchant/dashboard", async (Dashboards dashboards, CurrentUser user) => TypedResults.Ok(await dashboards.ForMerchantAsync(user.RequiredMerchantId)))
            .WithTags("Merchant console").RequireAuthorization(Policies.MerchantFinance);
        app.MapGet("/api/admin/dashboard", async (Dashboards dashboards) => TypedResults.Ok(await dashboards.ForPlatformAsync()))
            .WithTags("Operations").RequireAuthorization(Policies.Operator);
    }
}
