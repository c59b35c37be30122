using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

/// <summary>Issues one voucher per unit when an order is paid; the units' values add up exactly to what was paid.</summary>
public sealed class VoucherIssuer(AppDbContext db)
{
    /// <param name="usesPerVoucher">The deal's uses per voucher, snapshotted on each voucher: 1, or N for a card (次卡).</param>
    public async Task<List<Voucher>> IssueAsync(Order order, int validityDays, Deals.RefundPolicy refundPolicy, Deals.ValidityRules rules, DateTimeOffset paidAt, int usesPerVoucher = 1)
    {
        var (validFrom, expiresAt) = rules.Period(paidAt, validityDays);
        var codes = await UnusedCodesAsync(order.Quantity);
        var values = new Money(order.TotalFen).SplitEvenly(order.Quantity);
        var vouchers = codes.Select((code, i) => new Voucher
        {
            Id = Guid.CreateVersion7(),
            Code = code.Value,
            OrderId = order.Id,
            ConsumerId = order.ConsumerId,
            MerchantId = order.MerchantId,
            DealId = order.DealId ?? throw new InvalidOperationException("Vouchers are issued only for deal orders."),
            DealTitle = order.DealTitle,
            ValueFen = values[i].Fen,
            CommissionRateBasisPoints = order.CommissionRateBasisPoints,
            State = VoucherState.Issued,
            IssuedAt = paidAt,
            ValidFrom = validFrom,
            ExpiresAt = expiresAt,
            RefundPolicy = refundPolicy,
            Rules = rules,
            TotalUses = usesPerVoucher,
            UsesLeft = usesPerVoucher,
        }).ToList();
        db.Vouchers.AddRange(vouchers);
        return vouchers;
    }

    private async Task<List<VoucherCode>> UnusedCodesAsync(int count)
    {
        var codes = new HashSet<VoucherCode>();
        while (codes.Count < count)
        {
            var batch = Enumerable.Range(0, count - codes.Count).Select(_ => VoucherCode.NewRandom()).ToList();
            var values = batch.Select(c => c.Value).ToList();
            var taken = (await db.Vouchers.IgnoreQueryFilters().Where(v => values.Contains(v.Code)).Select(v => v.Code).ToListAsync()).ToHashSet();
            codes.UnionWith(batch.Where(c => !taken.Contains(c.Value)));
        }

        return codes.ToList();
    }
}
