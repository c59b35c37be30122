using LocalLoop.Discovery;
using LocalLoop.Ledger;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

public sealed record VerifyRequest(Guid StoreId, string Code);

/// <param name="AttemptId">The log row of this verification: the id to reverse it by (冲正).</param>
/// <param name="ValueFen">The value of the use consumed: the whole voucher's, or a card's share.</param>
/// <param name="UsesLeft">Uses left after this one (0 for an ordinary voucher, e.g. 7 of a card's 10).</param>
public sealed record VerificationResult(Guid VoucherId, string Code, string DealTitle, long ValueFen, long CommissionFen, DateTimeOffset VerifiedAt, string StoreName, Guid AttemptId,
    int UsesLeft = 0, int TotalUses = 1);

public sealed record VoucherVerified(Guid ConsumerId, Guid VoucherId, string DealTitle, string StoreName) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;
    public string NotificationTitle => "券已核销 / Voucher used";
    public string NotificationBody => $"{DealTitle} at {StoreName}. Tell others how it was: leave a review.";
}

/// <summary>
/// A clerk consumes a voucher at a store. Only the clerk's merchant's codes, only at a store that honours the
/// deal, only once: the state change is one conditional update, and the ledger moves the value from escrow to
/// the merchant minus commission in the same transaction. Every attempt is logged; a clerk who keeps typing
/// wrong codes is paused.
/// </summary>
public sealed partial class VoucherVerification(AppDbContext db, LedgerPostings ledger, OutboxWriter outbox, TimeProvider clock)
{
    public const int MaxFailuresPerWindow = 10;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(10);

    public async Task<VerificationResult> VerifyAsync(Guid merchantId, Guid clerkUserId, VerifyRequest request)
    {
        var now = clock.GetUtcNow();
        var store = await OpenCounterAsync(merchantId, clerkUserId, request.StoreId, request.Code, now);

        if (!VoucherCode.TryParse(request.Code, out var code))
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, request.Code, null, "malformed code", "券码格式不对", now);
            throw MalformedCode(nameof(request.Code));
        }

        var voucher = await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code.Value && v.MerchantId == merchantId);
        var refusal = voucher is null ? UnknownCode : await RefusalAsync(voucher, store.Id, store.Name, now);
        if (refusal is { } reason)
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, code.Value, voucher?.Id, reason.English, reason.Chinese, now);
            throw voucher is null
                ? new DomainException(reason.Code, reason.English, reason.Chinese, StatusCodes.Status404NotFound)
                : VoucherRefusedException.Of(reason, voucher.DealTitle);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await LockVisitsAsync([voucher!]);
        if (voucher!.Rules.PerVisitLimit is not null && await RefusalAsync(voucher, store.Id, store.Name, now) is { } overLimit)
        {
            // Another clerk verified this customer's vouchers of the deal meanwhile: the visit is full now.
            await transaction.RollbackAsync();
            await LogFailureAsync(merchantId, clerkUserId, store.Id, code.Value, voucher.Id, overLimit.English, overLimit.Chinese, now);
            throw VoucherRefusedException.Of(overLimit, voucher.DealTitle);
        }

        if (await TryConsumeAsync(voucher!, clerkUserId, store.Id, now) is not { } use)
        {
            await transaction.RollbackAsync();
            // Someone else changed the voucher between our read and our update: explain what happened.
            var lost = await LostRaceReasonAsync(voucher!.Id, store.Id, store.Name, now);
            await LogFailureAsync(merchantId, clerkUserId, store.Id, code.Value, voucher.Id, lost.English, lost.Chinese, now);
            throw VoucherRefusedException.Of(lost, voucher.DealTitle);
        }

        var result = RecordConsumption(merchantId, clerkUserId, voucher!, use, store.Id, store.Name, code.Value, now);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }

    /// <summary>
    /// The clerk's store (404 if not this merchant's; 403, logged, if the clerk is not assigned to it), then the pause for a clerk who failed too often. A paused
    /// clerk's attempt is logged too: the owner sees it, and it keeps the pause going.
    /// </summary>
    private async Task<Store> OpenCounterAsync(Guid merchantId, Guid clerkUserId, Guid storeId, string? attempted, DateTimeOffset now)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId && s.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Store", "门店");
        if (!await StoreAssignments.MayWorkAtAsync(db, merchantId, clerkUserId, store.Id))
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, attempted, null, "refused: not assigned to this store", "拒绝：未被分配到该门店", now);
            throw StoreAssignments.NotAssigned(store.Name);
        }

        try
        {
            await ThrowIfRateLimitedAsync(db, clerkUserId, now);
        }
        catch (RateLimitedException)
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, attempted, null, "refused: too many failed attempts", "拒绝：失败次数过多，已暂停", now);
            throw;
        }

        return store;
    }

    private static readonly VoucherRefusal UnknownCode = new("unknown_code", "No voucher of this merchant has this code.", "本商家没有这个券码，请核对后重新输入。");

    /// <summary>
    /// The one state change of a verification: one use consumed, conditional on the voucher still being issued, with a
    /// use left, and unexpired; with its last use it becomes Verified (an ordinary voucher has one). Null when someone
    /// else changed it first. The Verified* columns name the latest use. Call inside a transaction, then
    /// <see cref="RecordConsumption"/>.
    /// </summary>
    private async Task<ConsumedUse?> TryConsumeAsync(Voucher voucher, Guid clerkUserId, Guid storeId, DateTimeOffset now)
    {
        var won = await db.Vouchers.Where(v => v.Id == voucher.Id && v.State == VoucherState.Issued && v.UsesLeft > 0 && v.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(v => v.UsesLeft, v => v.UsesLeft - 1)
                .SetProperty(v => v.State, v => v.UsesLeft == 1 ? VoucherState.Verified : VoucherState.Issued)
                .SetProperty(v => v.VerifiedAt, now)
                .SetProperty(v => v.VerifiedByUserId, clerkUserId)
                .SetProperty(v => v.VerifiedAtStoreId, storeId));
        if (won == 0)
        {
            return null;
        }

        // The row is ours until the transaction ends, so what it holds now says which use this was and what it is worth.
        var card = await db.Vouchers.AsNoTracking().Where(v => v.Id == voucher.Id)
            .Select(v => new { v.UsesLeft, v.TotalUses, v.UsedValueFen, v.CommissionFen }).SingleAsync();
        var commissionSoFar = card.CommissionFen ?? 0;
        var (value, commission) = CardUses.Next(voucher.ValueFen, card.UsedValueFen, card.UsesLeft + 1, commissionSoFar, voucher.CommissionRateBasisPoints);
        await db.Vouchers.Where(v => v.Id == voucher.Id).ExecuteUpdateAsync(s => s
            .SetProperty(v => v.UsedValueFen, card.UsedValueFen + value.Fen)
            .SetProperty(v => v.CommissionFen, commissionSoFar + commission.Fen));
        return new ConsumedUse(value, commission, card.UsesLeft, card.TotalUses);
    }

    /// <summary>What follows a won state change, in the same transaction: the ledger settlement (escrow → merchant minus commission), the log row and the consumer's notification. Saved by the caller.</summary>
    /// <param name="loggedCode">The code as the log keeps it: the full code when the clerk typed it, masked when they picked the voucher by id.</param>
    private VerificationResult RecordConsumption(Guid merchantId, Guid clerkUserId, Voucher voucher, ConsumedUse use, Guid storeId, string storeName, string loggedCode, DateTimeOffset now)
    {
        var (value, commission) = (use.Value, use.Commission);
        ledger.Post("verification", voucher.Id,
            (Accounts.PlatformEscrow, -value),
            (Accounts.MerchantPending(merchantId), value - commission),
            (Accounts.PlatformRevenue, commission));
        var attempt = Attempt(merchantId, clerkUserId, storeId, loggedCode, voucher.Id, true, "verified", now, "核销成功");
        attempt.ValueFen = value.Fen;
        attempt.CommissionFen = commission.Fen;
        db.VerificationAttempts.Add(attempt);
        outbox.Add(new VoucherVerified(voucher.ConsumerId, voucher.Id, voucher.DealTitle, storeName));
        return new VerificationResult(voucher.Id, loggedCode, voucher.DealTitle, value.Fen, commission.Fen, now, storeName, attempt.Id, use.UsesLeft, use.TotalUses);
    }

    /// <summary>Why our conditional update found nothing to change: the voucher as it is now explains it.</summary>
    private async Task<VoucherRefusal> LostRaceReasonAsync(Guid voucherId, Guid storeId, string storeName, DateTimeOffset now)
    {
        var current = await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == voucherId);
        return await RefusalAsync(current, storeId, storeName, now) ?? new("already_verified", "This voucher has already been used.", "该券已核销，不能重复使用。");
    }

    /// <summary>Why this voucher cannot be used at this store now, or null if it can.</summary>
    private async Task<VoucherRefusal?> RefusalAsync(Voucher voucher, Guid storeId, string storeName, DateTimeOffset now) =>
        Refusal(voucher, await db.DealStores.AnyAsync(ds => ds.DealId == voucher.DealId && ds.StoreId == storeId), storeName, now,
            await RuleContextAsync(storeId, [voucher], now));

    /// <summary>
    /// Why this voucher cannot be used here and now (code, English, Chinese with Shanghai times), or null if it
    /// can. The one place these rules live: typed codes, batches and the phone lookup all ask it.
    /// </summary>
    /// <param name="honouredHere">Whether the voucher's deal is honoured at the chosen store.</param>
    /// <param name="rules">Holidays and this visit's used vouchers, for the voucher's validity rules.</param>
    /// <param name="earlierInBatch">Vouchers of the same consumer and deal before this one in a batch: they count towards the per-visit limit.</param>
    public static VoucherRefusal? Refusal(Voucher voucher, bool honouredHere, string storeName, DateTimeOffset now, RuleContext rules, int earlierInBatch = 0)
    {
        if (voucher.State == VoucherState.Verified && voucher.TotalUses > 1)
        {
            return UsedUp(voucher);
        }

        if (voucher.State == VoucherState.Verified)
        {
            return new("already_verified", $"This voucher was already used on {voucher.VerifiedAt:yyyy-MM-dd HH:mm} (UTC).",
                voucher.VerifiedAt is { } at ? $"该券已于 {ConsumerFormat.DateTime(at)} 核销，不能重复使用。" : "该券已核销，不能重复使用。");
        }

        if (voucher.State == VoucherState.Refunded)
        {
            return new("refunded", "This voucher was refunded and can no longer be used.", "该券已退款，不能再使用。");
        }

        if (voucher.ExpiresAt <= now)
        {
            return new("expired", $"This voucher expired on {voucher.ExpiresAt:yyyy-MM-dd}.", $"该券已于 {ConsumerFormat.Date(voucher.ExpiresAt)} 过期，不能使用。");
        }

        if (!honouredHere)
        {
            return new("wrong_store", $"This deal is not honoured at {storeName}.", $"该团购不适用于{storeName}，请到团购的适用门店使用。");
        }

        return voucher.Rules.RefusalAt(now, voucher.ValidFrom, rules.Holidays, rules.UsedThisVisit(voucher) + earlierInBatch);
    }

    private static VoucherRefusal UsedUp(Voucher card) => new("used_up",
        $"All {card.TotalUses} uses of this card have been used, the last on {card.VerifiedAt:yyyy-MM-dd HH:mm} (UTC).",
        card.VerifiedAt is { } at ? $"该次卡的 {card.TotalUses} 次已全部用完（最后一次于 {ConsumerFormat.DateTime(at)}），不能再使用。" : $"该次卡的 {card.TotalUses} 次已全部用完，不能再使用。");

    /// <summary>The wrong-code pause: 429 for a clerk with too many failed attempts without a voucher (wrong codes, unknown phones, refused external codes) lately.</summary>
    internal static async Task ThrowIfRateLimitedAsync(AppDbContext db, Guid clerkUserId, DateTimeOffset now)
    {
        var since = now - FailureWindow;
        var failures = await db.VerificationAttempts.Where(a => a.ClerkUserId == clerkUserId && !a.Succeeded && a.VoucherId == null && a.At > since)
            .OrderByDescending(a => a.At).Select(a => a.At).Take(MaxFailuresPerWindow).ToListAsync();
        if (failures.Count >= MaxFailuresPerWindow)
        {
            var retryAfter = failures[^1] + FailureWindow - now;
            throw new RateLimitedException(
                $"Too many wrong codes or unknown phone numbers. Try again in {Math.Ceiling(retryAfter.TotalMinutes)} minutes.",
                $"券码或手机号输错次数过多，请 {Math.Ceiling(retryAfter.TotalMinutes)} 分钟后再试。", retryAfter);
        }
    }

    private async Task LogFailureAsync(Guid merchantId, Guid clerkUserId, Guid storeId, string? code, Guid? voucherId, string outcome, string outcomeZh, DateTimeOffset now)
    {
        db.ChangeTracker.Clear();
        db.VerificationAttempts.Add(Attempt(merchantId, clerkUserId, storeId, code ?? "", voucherId, false, outcome, now, outcomeZh));
        await db.SaveChangesAsync();
    }

    internal static VerificationAttempt Attempt(Guid merchantId, Guid clerkUserId, Guid storeId, string code, Guid? voucherId, bool succeeded, string outcome, DateTimeOffset now,
        string? outcomeZh = null) => new()
    {
        Id = Guid.CreateVersion7(),
        MerchantId = merchantId,
        ClerkUserId = clerkUserId,
        StoreId = storeId,
        Code = code.Length > 40 ? code[..40] : code,
        VoucherId = voucherId,
        Succeeded = succeeded,
        Outcome = outcome.Length > 200 ? outcome[..200] : outcome,
        OutcomeZh = outcomeZh is { Length: > 200 } ? outcomeZh[..200] : outcomeZh,
        At = now,
    };
}

/// <summary>Why a voucher cannot be used: a stable code, and the explanation in English and Chinese.</summary>
public sealed record VoucherRefusal(string Code, string English, string Chinese);

/// <summary>409: this merchant's voucher exists but cannot be used here and now; carries its deal title so the counter can say which voucher it was.</summary>
public sealed class VoucherRefusedException(string code, string message, string chinese, string dealTitle)
    : DomainException(code, message, chinese, StatusCodes.Status409Conflict)
{
    public string DealTitle { get; } = dealTitle;

    public static VoucherRefusedException Of(VoucherRefusal refusal, string dealTitle) => new(refusal.Code, refusal.English, refusal.Chinese, dealTitle);
}

/// <summary>429 with a Retry-After header.</summary>
public sealed class RateLimitedException(string message, string chinese, TimeSpan retryAfter)
    : DomainException("rate_limited", message, chinese, StatusCodes.Status429TooManyRequests)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
