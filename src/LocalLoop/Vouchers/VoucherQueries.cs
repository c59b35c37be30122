using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

public sealed record VoucherView(Guid Id, string Code, Guid OrderId, Guid DealId, string DealTitle, long ValueFen, string State,
    DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? VerifiedAt, Guid? VerifiedAtStoreId, bool Reviewed, bool Expired);

public sealed record VerificationLogEntry(Guid Id, DateTimeOffset At, string ClerkName, string StoreName, string Code, bool Succeeded, string Outcome);

public sealed class VoucherQueries(AppDbContext db, TimeProvider clock)
{
    public async Task<List<VoucherView>> OfConsumerAsync(Guid consumerId)
    {
        var now = clock.GetUtcNow();
        var vouchers = await db.Vouchers.AsNoTracking().Where(v => v.ConsumerId == consumerId).OrderByDescending(v => v.IssuedAt).ThenBy(v => v.Code).ToListAsync();
        var ids = vouchers.Select(v => v.Id).ToList();
        var reviewed = (await db.Reviews.Where(r => ids.Contains(r.VoucherId)).Select(r => r.VoucherId).ToListAsync()).ToHashSet();
        return vouchers.Select(v => new VoucherView(v.Id, v.Code, v.OrderId, v.DealId, v.DealTitle, v.ValueFen, v.State.ToString(), v.IssuedAt, v.ExpiresAt,
            v.VerifiedAt, v.VerifiedAtStoreId, reviewed.Contains(v.Id), v.State == VoucherState.Issued && v.ExpiresAt <= now)).ToList();
    }

    public async Task<List<VerificationLogEntry>> LogAsync(Guid merchantId, int take = 100)
    {
        return await (from attempt in db.VerificationAttempts
                      where attempt.MerchantId == merchantId
                      join clerk in db.Users on attempt.ClerkUserId equals clerk.Id
                      join store in db.Stores on attempt.StoreId equals store.Id
                      orderby attempt.At descending
                      select new VerificationLogEntry(attempt.Id, attempt.At, clerk.DisplayName, store.Name, attempt.Code, attempt.Succeeded, attempt.Outcome))
            .Take(take).AsNoTracking().ToListAsync();
    }
}
