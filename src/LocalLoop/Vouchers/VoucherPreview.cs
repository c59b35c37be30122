using LocalLoop.Deals;
using LocalLoop.Platform;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

public sealed record PreviewStore(Guid Id, string Name, string Address);

/// <summary>
/// A voucher as the counter sees it before confirming: what it is for, its rules, and whether it can be used at the
/// chosen store now — and if not, why (the same <see cref="VoucherVerification.Refusal"/> as verifying).
/// </summary>
public sealed record CounterPreview(
    Guid VoucherId, string Code, string DealTitle, string DealContents, long ValueFen, DateTimeOffset IssuedAt, DateTimeOffset ValidUntil,
    string RefundPolicy, string RefundPolicyName, string RefundPolicyNameZh, List<PreviewStore> HonouredAt, string State,
    Guid StoreId, string StoreName, bool Usable, string? ReasonCode, string? Reason, string? ReasonZh,
    DateTimeOffset ValidFrom, List<string> Rules, List<string> RulesZh, int UsesLeft, int TotalUses);

/// <summary>The look before the verification: read only, but guarded and logged like a typed code.</summary>
public sealed partial class VoucherVerification
{
    /// <summary>
    /// What this code is for and whether it can be used at this store now. Changes nothing. A malformed or unknown
    /// code is logged and counts towards the clerk's pause exactly like a typed wrong code (previewing is no way
    /// around the rate limit); a known voucher's preview is not an attempt and is not logged, so confirming it
    /// afterwards is counted once.
    /// </summary>
    public async Task<CounterPreview> PreviewAsync(Guid merchantId, Guid clerkUserId, Guid storeId, string? code)
    {
        var now = clock.GetUtcNow();
        var store = await OpenCounterAsync(merchantId, clerkUserId, storeId, code, now);
        if (!VoucherCode.TryParse(code, out var parsed))
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, code, null, "preview: malformed code", "预览：券码格式不对", now);
            throw MalformedCode("code");
        }

        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == parsed.Value && v.MerchantId == merchantId);
        if (voucher is null)
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, parsed.Value, null, $"preview: {UnknownCode.English}", $"预览：{UnknownCode.Chinese}", now);
            throw new DomainException(UnknownCode.Code, UnknownCode.English, UnknownCode.Chinese, StatusCodes.Status404NotFound);
        }

        var contents = await db.Deals.AsNoTracking().Where(d => d.Id == voucher.DealId).Select(d => d.Contents).SingleOrDefaultAsync() ?? "";
        var honouredAt = await db.DealStores.AsNoTracking().Where(ds => ds.DealId == voucher.DealId)
            .Join(db.Stores.AsNoTracking(), ds => ds.StoreId, s => s.Id, (ds, s) => new PreviewStore(s.Id, s.Name, s.Address))
            .ToListAsync();
        var refusal = Refusal(voucher, honouredAt.Any(s => s.Id == store.Id), store.Name, now, await RuleContextAsync(store.Id, [voucher], now));
        return new CounterPreview(voucher.Id, voucher.Code, voucher.DealTitle, contents, voucher.ValueFen, voucher.IssuedAt, voucher.ExpiresAt,
            voucher.RefundPolicy.ToString(), voucher.RefundPolicy.Name(chinese: false), voucher.RefundPolicy.Name(chinese: true),
            honouredAt.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), voucher.State.ToString(),
            store.Id, store.Name, refusal is null, refusal?.Code, refusal?.English, refusal?.Chinese,
            voucher.ValidFrom, voucher.Rules.Describe(chinese: false), voucher.Rules.Describe(chinese: true), voucher.UsesLeft, voucher.TotalUses);
    }

    private static ValidationException MalformedCode(string field) =>
        Validation.Single(field, "A voucher code has 12 digits.", "券码为 12 位数字，请核对后重新输入。");
}
