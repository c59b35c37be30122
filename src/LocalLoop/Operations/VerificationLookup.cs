using LocalLoop.Discovery;
using LocalLoop.ExternalCodes;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Operations;

/// <summary>The operator's search: a code (our 12 digits or an external platform's), or a merchant and a Shanghai day.</summary>
public sealed record VerificationSearch(string? Code, Guid? MerchantId, DateOnly? Date)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Code) && MerchantId is null && Date is null;
}

/// <param name="ExternalConsumptionId">For a successful external verification: the consumption its platform reverses.</param>
/// <param name="Reversible">Whether an admin can reverse it: a success not yet reversed.</param>
/// <param name="OutcomeZh">The outcome in Chinese, logged beside the English one; null on rows logged before it was kept.</param>
public sealed record VerificationLookupRow(Guid AttemptId, DateTimeOffset At, string MerchantName, string StoreName, string ClerkName, string Code,
    bool Succeeded, string Outcome, long? ValueFen, string? ExternalPlatform, Guid? ExternalConsumptionId,
    DateTimeOffset? ReversedAt, string? ReversedByName, string? ReversalReason, bool Reversible, string? OutcomeZh = null)
{
    /// <summary>The outcome in the reader's language; English where no Chinese was logged.</summary>
    public string OutcomeIn(bool chinese) => chinese ? OutcomeZh ?? Outcome : Outcome;
}

/// <summary>
/// Every verification attempt of a code, or of a merchant on a day, across merchants, for operators: who, where,
/// when, what came of it, and whether it was reversed. Admins reverse from it, through
/// <see cref="VerificationReversal.ReverseByAdminAsync"/> for ours and <see cref="ExternalCodeReversal.ReverseByAdminAsync"/>
/// for external codes.
/// </summary>
public sealed class VerificationLookup(AppDbContext db, IEnumerable<IExternalVoucherProvider> providers)
{
    public const int MaxRows = 200;

    public async Task<List<VerificationLookupRow>> SearchAsync(VerificationSearch search)
    {
        var attempts = db.VerificationAttempts.IgnoreQueryFilters().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Code))
        {
            attempts = await OfCodeAsync(attempts, search.Code);
        }
        else if (search.MerchantId is { } merchantId && search.Date is { } day)
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
            var end = start.AddDays(1);
            attempts = attempts.Where(a => a.MerchantId == merchantId && a.At >= start && a.At < end);
        }
        else
        {
            throw Validation.Single(nameof(search.Code), "Search by a voucher code (12 digits) or an external code, or by a merchant and a date.",
                "请输入券码（12 位数字）或三方券码，或选择商家和日期后查询。");
        }

        var rows = await (from a in attempts
                          join merchant in db.Merchants on a.MerchantId equals merchant.Id
                          join store in db.Stores.IgnoreQueryFilters() on a.StoreId equals store.Id
                          join clerk in db.Users on a.ClerkUserId equals clerk.Id
                          orderby a.At descending
                          select new
                          {
                              a.Id, a.At, MerchantName = merchant.Name, StoreName = store.Name, ClerkName = clerk.DisplayName, a.Code, a.Succeeded, a.Outcome,
                              a.OutcomeZh, a.ValueFen, a.ExternalPlatform, a.ReversedAt, a.ReversalReason,
                              ReversedByName = db.Users.Where(u => u.Id == a.ReversedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                              External = db.Set<ExternalConsumption>().IgnoreQueryFilters().Where(c => c.AttemptId == a.Id)
                                  .Select(c => new { c.Id, c.FaceValueFen }).FirstOrDefault(),
                          }).Take(MaxRows).ToListAsync();
        return rows.Select(r => new VerificationLookupRow(r.Id, r.At, r.MerchantName, r.StoreName, r.ClerkName, r.Code, r.Succeeded, r.Outcome,
            r.External?.FaceValueFen ?? r.ValueFen, r.ExternalPlatform, r.External?.Id, r.ReversedAt, r.ReversedByName, r.ReversalReason,
            r.Succeeded && r.ReversedAt is null && (r.ExternalPlatform is null || r.External is not null), r.OutcomeZh)).ToList();
    }

    /// <summary>The attempts naming the code: typed as it is, or (ours) made on its voucher picked from a list, where the log keeps it masked.</summary>
    private async Task<IQueryable<VerificationAttempt>> OfCodeAsync(IQueryable<VerificationAttempt> attempts, string typed)
    {
        if (VoucherCode.TryParse(typed, out var ours))
        {
            var voucherIds = await db.Vouchers.IgnoreQueryFilters().Where(v => v.Code == ours.Value).Select(v => v.Id).ToListAsync();
            return attempts.Where(a => a.Code == ours.Value || (a.VoucherId != null && voucherIds.Contains(a.VoucherId.Value)));
        }

        foreach (var provider in providers)
        {
            if (provider.TryReadCode(typed, out var external))
            {
                return attempts.Where(a => a.Code == external && a.ExternalPlatform == provider.Platform);
            }
        }

        throw Validation.Single("code", "A voucher code has 12 digits; an external code has 10 characters starting with EX.",
            "券码为 12 位数字，三方券码为 EX 开头的 10 位字母数字，请核对后重新输入。");
    }
}
