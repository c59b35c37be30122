using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.ExternalCodes;

public sealed record ExternalCodeRequest(Guid StoreId, string? Code);

/// <summary>An external code as its platform describes it, ready to be consumed.</summary>
public sealed record ExternalCodeView(string Platform, string PlatformName, string Code, string Title, long FaceValueFen, long SettlementFen,
    DateTimeOffset ValidUntil, string StoreName);

public sealed record ExternalConsumptionResult(Guid ConsumptionId, string Platform, string PlatformName, string Code, string Title, long FaceValueFen,
    long SettlementFen, DateTimeOffset ConsumedAt, string StoreName, Guid AttemptId, DateTimeOffset ReversibleUntil);

/// <summary>
/// The clerk verifies a code sold on an external platform: query (what it is, its face value, whether it can be
/// used) → consume. The platform is the authority on the code, so two clerks racing on one code are decided there.
/// Our side first records the attempt as Pending with a request id, then asks the platform to consume with it; when
/// the answer is lost (timeout, 5xx) it asks the platform by that request id before saying anything, and if even
/// that fails the row stays Pending: the next attempt on the code reuses the request id, so the platform consumes
/// at most once and we never count a consumption the platform has not confirmed. Every attempt lands in the
/// verification log; nothing is posted to our ledger.
/// </summary>
public sealed class ExternalCodeVerification(AppDbContext db, ExternalPlatformBindings bindings, TimeProvider clock, IOptions<VoucherOptions> options)
{
    public async Task<ExternalCodeView> QueryAsync(Guid merchantId, Guid clerkUserId, ExternalCodeRequest request)
    {
        var counter = await OpenAsync(merchantId, clerkUserId, request);
        var details = await UsableDetailsAsync(counter);
        return new(counter.Bound.Provider.Platform, counter.PlatformName, details.Code, details.Title, details.FaceValueFen, details.SettlementFen,
            details.ValidUntil, counter.Store.Name);
    }

    public async Task<ExternalConsumptionResult> ConsumeAsync(Guid merchantId, Guid clerkUserId, ExternalCodeRequest request)
    {
        var counter = await OpenAsync(merchantId, clerkUserId, request);
        var (provider, shop) = (counter.Bound.Provider, counter.Bound.Shop);

        // An earlier consume of this code whose outcome we never heard: repeat it with the same request id.
        var consumption = await db.ExternalConsumptions.AsNoTracking()
            .Where(c => c.MerchantId == merchantId && c.Platform == provider.Platform && c.Code == counter.Code && c.State == ExternalConsumptionState.Pending)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync();
        if (consumption is null)
        {
            var details = await UsableDetailsAsync(counter);
            consumption = new ExternalConsumption
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, Platform = provider.Platform, Code = counter.Code,
                RequestId = Guid.NewGuid().ToString("N"), Title = details.Title, FaceValueFen = details.FaceValueFen, SettlementFen = details.SettlementFen,
                StoreId = counter.Store.Id, ClerkUserId = clerkUserId, State = ExternalConsumptionState.Pending, CreatedAt = clock.GetUtcNow(),
            };
            db.ExternalConsumptions.Add(consumption);
            await db.SaveChangesAsync();
        }

        ExternalReceipt? receipt;
        try
        {
            receipt = await provider.ConsumeAsync(shop, counter.Code, counter.Store.Id.ToString("N"), consumption.RequestId);
        }
        catch (ExternalPlatformException ex) when (ex.Failure == ExternalFailure.Unavailable)
        {
            receipt = await ConfirmAsync(counter, consumption);
        }
        catch (ExternalPlatformException ex)
        {
            await FailAsync(counter, consumption, ex.Message, "三方平台拒绝或不可用，未核销");
            throw ExternalRefusals.Of(ex, provider);
        }

        return await RecordAsync(counter, consumption, receipt);
    }

    /// <summary>The consume's answer was lost: the platform's record of our request id decides.</summary>
    private async Task<ExternalReceipt> ConfirmAsync(Counter counter, ExternalConsumption consumption)
    {
        try
        {
            if (await counter.Bound.Provider.FindConsumptionAsync(counter.Bound.Shop, consumption.RequestId) is { } found)
            {
                return found;
            }
        }
        catch (ExternalPlatformException)
        {
            await LogAsync(counter, false, "platform did not answer; consumption unconfirmed, kept pending for a retry", "平台未应答：是否核销未确认，等待重试", clock.GetUtcNow());
            throw ExternalRefusals.Unconfirmed(counter.Bound.Provider);
        }

        await FailAsync(counter, consumption, "platform did not answer; it confirmed nothing was consumed", "平台未应答；平台确认未核销");
        throw ExternalRefusals.Unavailable(counter.Bound.Provider);
    }

    /// <summary>The platform consumed the code: our row becomes Consumed (once) and the log gets its success, in one transaction.</summary>
    private async Task<ExternalConsumptionResult> RecordAsync(Counter counter, ExternalConsumption consumption, ExternalReceipt receipt)
    {
        var now = clock.GetUtcNow();
        var attempt = Attempt(counter, true, "verified", "已核销", now);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var won = await db.ExternalConsumptions.Where(c => c.Id == consumption.Id && c.State == ExternalConsumptionState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.State, ExternalConsumptionState.Consumed)
                .SetProperty(c => c.RemoteConsumptionId, receipt.ConsumptionId)
                .SetProperty(c => c.SettlementFen, receipt.SettlementFen)
                .SetProperty(c => c.ConsumedAt, now)
                .SetProperty(c => c.StoreId, counter.Store.Id)
                .SetProperty(c => c.ClerkUserId, counter.ClerkUserId)
                .SetProperty(c => c.AttemptId, attempt.Id));
        if (won == 0)
        {
            // A parallel retry of the same request recorded it first.
            await transaction.RollbackAsync();
            var refusal = ExternalRefusals.Used(counter.Bound.Provider.Name(false), counter.Bound.Provider.Name(true), receipt.ConsumedAt);
            await LogAsync(counter, false, refusal.English, refusal.Chinese, now);
            throw VoucherRefusedException.Of(refusal, consumption.Title);
        }

        db.VerificationAttempts.Add(attempt);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new(consumption.Id, consumption.Platform, counter.PlatformName, consumption.Code, consumption.Title, consumption.FaceValueFen,
            receipt.SettlementFen, now, counter.Store.Name, attempt.Id, now + options.Value.ReversalWindow);
    }

    private async Task FailAsync(Counter counter, ExternalConsumption consumption, string outcome, string outcomeZh)
    {
        await db.ExternalConsumptions.Where(c => c.Id == consumption.Id && c.State == ExternalConsumptionState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ExternalConsumptionState.Failed));
        await LogAsync(counter, false, outcome, outcomeZh, clock.GetUtcNow());
    }

    /// <summary>The code's details from its platform, or the reason it cannot be used (logged, then thrown).</summary>
    private async Task<ExternalCodeDetails> UsableDetailsAsync(Counter counter)
    {
        var provider = counter.Bound.Provider;
        ExternalCodeDetails details;
        try
        {
            details = await provider.QueryAsync(counter.Bound.Shop, counter.Code);
        }
        catch (ExternalPlatformException ex)
        {
            await LogAsync(counter, false, ex.Message, "三方平台不可用", clock.GetUtcNow());
            throw ExternalRefusals.Of(ex, provider);
        }

        var now = clock.GetUtcNow();
        var refusal = details.State switch
        {
            ExternalCodeState.Used => ExternalRefusals.Used(provider.Name(false), provider.Name(true), details.ConsumedAt),
            ExternalCodeState.Expired => ExternalRefusals.Expired(provider.Name(false), provider.Name(true), details.ValidUntil),
            _ when details.ValidUntil <= now => ExternalRefusals.Expired(provider.Name(false), provider.Name(true), details.ValidUntil),
            _ => null,
        };
        if (refusal is not null)
        {
            await LogAsync(counter, false, refusal.English, refusal.Chinese, now);
            throw VoucherRefusedException.Of(refusal, details.Title);
        }

        return details;
    }

    /// <summary>Where and with what the clerk works: the store, the merchant's binding to the platform the code belongs to, the code.</summary>
    private sealed record Counter(Guid MerchantId, Guid ClerkUserId, Store Store, BoundPlatform Bound, string Code, string PlatformName);

    private async Task<Counter> OpenAsync(Guid merchantId, Guid clerkUserId, ExternalCodeRequest request)
    {
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.StoreId && s.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Store", "门店");
        var bound = await bindings.BoundAsync(merchantId);
        if (bound.Count == 0)
        {
            throw DomainException.Conflict("no_binding", "This merchant is not linked to any external voucher platform yet; the owner links it first.",
                "本店尚未绑定三方券平台，请店主先完成绑定。");
        }

        await ThrowIfClosedAsync(merchantId, clerkUserId, store, request.Code, bound[0].Provider.Platform);

        var match = bound.Select(b => b.Provider.TryReadCode(request.Code ?? "", out var code) ? (b, code) : default).FirstOrDefault(m => m.b is not null);
        if (match.b is null)
        {
            var typed = (request.Code ?? "").Trim();
            db.VerificationAttempts.Add(Attempt(merchantId, clerkUserId, store.Id, typed, bound[0].Provider.Platform, false, "malformed external code", "三方券码格式不对", clock.GetUtcNow()));
            await db.SaveChangesAsync();
            throw Validation.Single(nameof(request.Code), "An external code has 10 characters starting with EX (e.g. EX7K2M9QRT).",
                "三方券码为 EX 开头的 10 位字母数字（如 EX7K2M9QRT），请核对后重新输入。");
        }

        return new(merchantId, clerkUserId, store, match.b, match.code, match.b.Provider.Name(Platform.Localization.Text.IsChinese));
    }

    /// <summary>
    /// The same gate as our own codes' counter: a clerk not assigned to the store gets 403, a clerk paused for too many
    /// wrong codes gets 429 — both logged, as at our counter, so the owner sees them and the pause keeps going.
    /// </summary>
    private async Task ThrowIfClosedAsync(Guid merchantId, Guid clerkUserId, Store store, string? typed, string platform)
    {
        var now = clock.GetUtcNow();
        if (!await StoreAssignments.MayWorkAtAsync(db, merchantId, clerkUserId, store.Id))
        {
            db.VerificationAttempts.Add(Attempt(merchantId, clerkUserId, store.Id, (typed ?? "").Trim(), platform, false, "refused: not assigned to this store", "拒绝：未分配到该门店", now));
            await db.SaveChangesAsync();
            throw StoreAssignments.NotAssigned(store.Name);
        }

        try
        {
            await VoucherVerification.ThrowIfRateLimitedAsync(db, clerkUserId, now);
        }
        catch (RateLimitedException)
        {
            db.VerificationAttempts.Add(Attempt(merchantId, clerkUserId, store.Id, (typed ?? "").Trim(), platform, false, "refused: too many failed attempts", "拒绝：错误次数过多", now));
            await db.SaveChangesAsync();
            throw;
        }
    }

    private async Task LogAsync(Counter counter, bool succeeded, string outcome, string outcomeZh, DateTimeOffset now)
    {
        db.ChangeTracker.Clear();
        db.VerificationAttempts.Add(Attempt(counter, succeeded, outcome, outcomeZh, now));
        await db.SaveChangesAsync();
    }

    private static VerificationAttempt Attempt(Counter counter, bool succeeded, string outcome, string outcomeZh, DateTimeOffset now) =>
        Attempt(counter.MerchantId, counter.ClerkUserId, counter.Store.Id, counter.Code, counter.Bound.Provider.Platform, succeeded, outcome, outcomeZh, now);

    internal static VerificationAttempt Attempt(Guid merchantId, Guid clerkUserId, Guid storeId, string code, string platform, bool succeeded, string outcome, string outcomeZh, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        MerchantId = merchantId,
        ClerkUserId = clerkUserId,
        StoreId = storeId,
        Code = code.Length > 40 ? code[..40] : code,
        Succeeded = succeeded,
        Outcome = outcome.Length > 200 ? outcome[..200] : outcome,
        OutcomeZh = outcomeZh.Length > 200 ? outcomeZh[..200] : outcomeZh,
        At = now,
        ExternalPlatform = platform,
    };
}
