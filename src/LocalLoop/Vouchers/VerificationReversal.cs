using LocalLoop.Discovery;
using LocalLoop.Ledger;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Vouchers;

/// <summary>Settings of the voucher capability, bound from the <c>Vouchers</c> configuration section.</summary>
public sealed class VoucherOptions
{
    /// <summary>How long after a verification the merchant's own staff may reverse it; after that only an admin can.</summary>
    public int ReversalWindowMinutes { get; set; } = 10;

    public TimeSpan ReversalWindow => TimeSpan.FromMinutes(ReversalWindowMinutes);

    /// <summary>How often each node looks for vouchers that expired unused and refunds them (<see cref="ExpiryRefundJob"/>).</summary>
    public int ExpiryScanSeconds { get; set; } = 60;
}

public sealed record ReverseRequest(string? Reason);

public sealed record ReversalResult(Guid AttemptId, Guid VoucherId, string Code, string DealTitle, long ValueFen, long CommissionFen,
    DateTimeOffset ReversedAt, string Reason, string VoucherState);

public sealed record VerificationReversed(Guid ConsumerId, Guid VoucherId, string DealTitle, string StoreName, string Reason) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;
    public string NotificationTitle => "核销已撤销 / Verification reversed";
    public string NotificationBody => $"{DealTitle} at {StoreName}: the verification was reversed ({Reason}). Your voucher is unused again: use it or refund it.";
}

/// <summary>
/// 冲正: undoes a mistaken verification. The voucher gets the use back (Issued again; a card one use more) and the
/// ledger posts the exact opposite of the verification, in one transaction with two conditional updates — the attempt
/// (not yet reversed) and the voucher (a use consumed, not refunded, no review resting on this use) — so parallel
/// reversals reverse once and a reversal racing a refund or a new verification cannot double anything. The merchant's
/// staff may reverse within <see cref="VoucherOptions.ReversalWindowMinutes"/>; afterwards only an admin can.
/// </summary>
public sealed class VerificationReversal(AppDbContext db, LedgerPostings ledger, OutboxWriter outbox, TimeProvider clock, IOptions<VoucherOptions> options)
{
    public const int MaxReasonLength = 200;

    public TimeSpan Window => options.Value.ReversalWindow;

    /// <summary>Merchant staff reverse a verification of their own merchant within the window.</summary>
    public Task<ReversalResult> ReverseByStaffAsync(Guid merchantId, Guid userId, Guid attemptId, ReverseRequest request) =>
        ReverseAsync(merchantId, userId, attemptId, request, windowApplies: true);

    /// <summary>A platform admin reverses any merchant's verification, at any time.</summary>
    public Task<ReversalResult> ReverseByAdminAsync(Guid adminUserId, Guid attemptId, ReverseRequest request) =>
        ReverseAsync(null, adminUserId, attemptId, request, windowApplies: false);

    private async Task<ReversalResult> ReverseAsync(Guid? merchantId, Guid userId, Guid attemptId, ReverseRequest request, bool windowApplies)
    {
        var errors = new Validation();
        errors.Required(nameof(request.Reason), request.Reason, MaxReasonLength, "A reason", "冲正原因");
        errors.ThrowIfAny();
        var reason = request.Reason!.Trim();

        var now = clock.GetUtcNow();
        var attempt = await db.VerificationAttempts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attemptId && (merchantId == null || a.MerchantId == merchantId))
            ?? throw DomainException.NotFound("Verification", "核销记录");
        if (merchantId is { } staffMerchantId && !await StoreAssignments.MayWorkAtAsync(db, staffMerchantId, userId, attempt.StoreId))
        {
            db.VerificationAttempts.Add(VoucherVerification.Attempt(staffMerchantId, userId, attempt.StoreId, attempt.Code, attempt.VoucherId, false,
                "reversal refused: not assigned to this store", now, "冲正被拒：未被分配到该门店"));
            await db.SaveChangesAsync();
            throw StoreAssignments.NotAssigned(await db.Stores.Where(s => s.Id == attempt.StoreId).Select(s => s.Name).SingleAsync());
        }

        if (attempt.ExternalPlatform is not null)
        {
            throw DomainException.Conflict("external_code",
                "This is a code of an external platform: reverse it through the external code reversal (the external tab, or POST /api/merchant/external-codes/consumptions/{id}/reverse; after the window, /api/admin/external-codes/consumptions/{id}/reverse), which asks its platform first.",
                "这是三方平台的券码：请在“三方券”页签冲正（超过冲正时限请联系平台运营），系统会先在三方平台撤销核销。");
        }

        if (!attempt.Succeeded || attempt.VoucherId is not { } voucherId)
        {
            throw DomainException.Conflict("not_verified", "This attempt was refused, so no voucher was used: there is nothing to reverse.",
                "这次核销没有成功，券未被使用，无需冲正。");
        }

        if (attempt.ReversedAt is not null)
        {
            throw AlreadyReversed(attempt);
        }

        if (windowApplies && now >= attempt.At + Window)
        {
            throw DomainException.Conflict("reversal_window_passed",
                $"The store can reverse a verification within {options.Value.ReversalWindowMinutes} minutes; this one was made at {attempt.At:yyyy-MM-dd HH:mm} (UTC). Ask the platform's operators to reverse it.",
                $"门店只能在核销后 {options.Value.ReversalWindowMinutes} 分钟内冲正；这次核销发生在 {ConsumerFormat.DateTime(attempt.At)}，请联系平台运营处理。");
        }

        var voucher = await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == voucherId);
        if (ReviewRestsOn(voucher, attempt))
        {
            throw Reviewed();
        }

        var store = await db.Stores.AsNoTracking().Where(s => s.Id == attempt.StoreId).Select(s => s.Name).SingleAsync();
        // Exactly what this use moved: the whole voucher's value, or a card's share of it.
        var value = new Money(attempt.ValueFen.GetValueOrDefault());
        var commission = new Money(attempt.CommissionFen.GetValueOrDefault());

        await using var transaction = await db.Database.BeginTransactionAsync();
        // The attempt first: parallel reversals of one verification queue on this row and all but one find it reversed.
        var attemptWon = await db.VerificationAttempts
            .Where(a => a.Id == attempt.Id && a.Succeeded && a.ReversedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.ReversedAt, now)
                .SetProperty(a => a.ReversedByUserId, userId)
                .SetProperty(a => a.ReversalReason, reason));
        // Every successful, unreversed attempt holds one consumed use, so the voucher gives one use back if it has one
        // consumed, was not refunded meanwhile, and no review rests on this use (one written at or after it). Given
        // back its last consumed use, it is unused again and forgets its verification.
        var voucherWon = attemptWon == 0 ? 0 : await db.Vouchers
            .Where(v => v.Id == voucherId && v.State != VoucherState.Refunded && v.UsesLeft < v.TotalUses
                && (v.ReviewedAt == null || v.ReviewedAt < attempt.At))
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.State, VoucherState.Issued)
                .SetProperty(v => v.UsesLeft, v => v.UsesLeft + 1)
                .SetProperty(v => v.UsedValueFen, v => v.UsedValueFen - value.Fen)
                .SetProperty(v => v.CommissionFen, v => v.UsesLeft + 1 == v.TotalUses ? null : v.CommissionFen - commission.Fen)
                .SetProperty(v => v.VerifiedAt, v => v.UsesLeft + 1 == v.TotalUses ? null : v.VerifiedAt)
                .SetProperty(v => v.VerifiedByUserId, v => v.UsesLeft + 1 == v.TotalUses ? null : v.VerifiedByUserId)
                .SetProperty(v => v.VerifiedAtStoreId, v => v.UsesLeft + 1 == v.TotalUses ? null : v.VerifiedAtStoreId));
        if (voucherWon == 0)
        {
            await transaction.RollbackAsync();
            throw await LostAsync(attempt.Id, voucherId);
        }

        // The exact opposite of the verification's transaction.
        ledger.Post("verification-reversal", voucherId,
            (Accounts.PlatformEscrow, value),
            (Accounts.MerchantPending(voucher.MerchantId), -(value - commission)),
            (Accounts.PlatformRevenue, -commission));
        outbox.Add(new VerificationReversed(voucher.ConsumerId, voucherId, voucher.DealTitle, store, reason));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new ReversalResult(attempt.Id, voucherId, voucher.Code, voucher.DealTitle, value.Fen, commission.Fen, now, reason, nameof(VoucherState.Issued));
    }

    /// <summary>Explains a lost conditional update: someone reversed it first, the consumer reviewed, or the voucher moved on.</summary>
    private async Task<DomainException> LostAsync(Guid attemptId, Guid voucherId)
    {
        var attempt = await db.VerificationAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId);
        if (attempt.ReversedAt is not null)
        {
            return AlreadyReversed(attempt);
        }

        if (ReviewRestsOn(await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == voucherId), attempt))
        {
            return Reviewed();
        }

        return DomainException.Conflict("voucher_changed", "The voucher is no longer in the state this verification left it in, so it cannot be reversed.",
            "该券的状态已变化，本次核销不能再冲正。");
    }

    /// <summary>
    /// A review rests on the uses consumed before it: an ordinary voucher's only use, or a card's uses up to the
    /// review. A card's uses after the review can still be reversed.
    /// </summary>
    private static bool ReviewRestsOn(Voucher voucher, VerificationAttempt attempt) => voucher.ReviewedAt is { } reviewedAt && reviewedAt >= attempt.At;

    private static DomainException AlreadyReversed(VerificationAttempt attempt) => DomainException.Conflict("already_reversed",
        attempt.ReversedAt is { } at
            ? $"This verification was already reversed on {at:yyyy-MM-dd HH:mm} (UTC): {attempt.ReversalReason}"
            : "This verification was already reversed.",
        attempt.ReversedAt is { } atZh
            ? $"这次核销已于 {ConsumerFormat.DateTime(atZh)} 冲正（原因：{attempt.ReversalReason}）。"
            : "这次核销已冲正。");

    private static DomainException Reviewed() => DomainException.Conflict("reviewed",
        "The consumer has reviewed this visit, and the review rests on the consumption: it cannot be reversed.",
        "顾客已评价本次消费，不能冲正。");
}
