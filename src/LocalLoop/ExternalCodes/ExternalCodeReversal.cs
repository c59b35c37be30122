using LocalLoop.Discovery;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.ExternalCodes;

public sealed record ExternalReversalResult(Guid ConsumptionId, string Code, string Title, long FaceValueFen, DateTimeOffset ReversedAt, string Reason);

/// <summary>
/// 冲正 of an external code, under the same rule as our vouchers: the merchant's staff, within
/// <see cref="VoucherOptions.ReversalWindowMinutes"/>, with a reason. The platform reverses first (idempotent by its
/// consumption id, so a retry after a lost answer is safe); then our row and its log entry follow in one
/// conditional update, so parallel reversals reverse once.
/// </summary>
public sealed class ExternalCodeReversal(AppDbContext db, ExternalPlatformBindings bindings, TimeProvider clock, IOptions<VoucherOptions> options)
{
    /// <summary>Merchant staff reverse a consumption of their own merchant, at a store they may work at, within the window.</summary>
    public Task<ExternalReversalResult> ReverseAsync(Guid merchantId, Guid userId, Guid consumptionId, ReverseRequest request) =>
        ReverseAsync((Guid?)merchantId, userId, consumptionId, request);

    /// <summary>A platform admin reverses any merchant's external consumption, at any time (after the store's window, only they can).</summary>
    public Task<ExternalReversalResult> ReverseByAdminAsync(Guid adminUserId, Guid consumptionId, ReverseRequest request) =>
        ReverseAsync(null, adminUserId, consumptionId, request);

    private async Task<ExternalReversalResult> ReverseAsync(Guid? merchantId, Guid userId, Guid consumptionId, ReverseRequest request)
    {
        var errors = new Validation();
        errors.Required(nameof(request.Reason), request.Reason, VerificationReversal.MaxReasonLength, "A reason", "冲正原因");
        errors.ThrowIfAny();
        var reason = request.Reason!.Trim();

        var consumption = await db.ExternalConsumptions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == consumptionId && (merchantId == null || c.MerchantId == merchantId))
            ?? throw DomainException.NotFound("External code consumption", "三方券核销记录");
        if (merchantId is { } staffMerchantId && !await StoreAssignments.MayWorkAtAsync(db, staffMerchantId, userId, consumption.StoreId))
        {
            throw StoreAssignments.NotAssigned(await db.Stores.Where(s => s.Id == consumption.StoreId).Select(s => s.Name).SingleAsync());
        }

        if (consumption.State == ExternalConsumptionState.Reversed)
        {
            throw AlreadyReversed();
        }

        if (consumption.State != ExternalConsumptionState.Consumed || consumption.RemoteConsumptionId is not { } remoteId || consumption.ConsumedAt is not { } consumedAt)
        {
            throw DomainException.Conflict("not_verified", "This code was not consumed, so there is nothing to reverse.", "这张三方券没有核销成功，无需冲正。");
        }

        var now = clock.GetUtcNow();
        var window = options.Value.ReversalWindow;
        if (merchantId is not null && now >= consumedAt + window)
        {
            throw DomainException.Conflict("reversal_window_passed",
                $"The store can reverse a verification within {options.Value.ReversalWindowMinutes} minutes; this one was made at {consumedAt:yyyy-MM-dd HH:mm} (UTC). Ask the platform's operators to reverse it.",
                $"门店只能在核销后 {options.Value.ReversalWindowMinutes} 分钟内冲正；这次核销发生在 {ConsumerFormat.DateTime(consumedAt)}，请联系平台运营处理。");
        }

        var bound = (await bindings.BoundAsync(consumption.MerchantId)).SingleOrDefault(b => b.Provider.Platform == consumption.Platform)
            ?? throw DomainException.Conflict("no_binding", "The merchant is no longer linked to this platform.", "本店已不再绑定该三方券平台。");
        try
        {
            await bound.Provider.ReverseAsync(bound.Shop, remoteId);
        }
        catch (ExternalPlatformException ex)
        {
            throw ex.Failure == ExternalFailure.Unavailable
                ? new DomainException("platform_unavailable",
                    $"{bound.Provider.Name(false)} is not answering; the verification stands. Try the reversal again in a moment.",
                    $"{bound.Provider.Name(true)}暂时无法访问，核销未撤销，请稍后再试。", StatusCodes.Status503ServiceUnavailable)
                : ExternalRefusals.Of(ex, bound.Provider);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var won = await db.ExternalConsumptions.Where(c => c.Id == consumption.Id && c.State == ExternalConsumptionState.Consumed)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ExternalConsumptionState.Reversed).SetProperty(c => c.ReversedAt, now)
                .SetProperty(c => c.ReversedByUserId, userId).SetProperty(c => c.ReversalReason, reason));
        if (won == 0)
        {
            await transaction.RollbackAsync();
            throw AlreadyReversed();
        }

        await db.VerificationAttempts.Where(a => a.Id == consumption.AttemptId && a.ReversedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ReversedAt, now).SetProperty(a => a.ReversedByUserId, userId).SetProperty(a => a.ReversalReason, reason));
        await transaction.CommitAsync();
        return new(consumption.Id, consumption.Code, consumption.Title, consumption.FaceValueFen, now, reason);
    }

    private static DomainException AlreadyReversed() =>
        DomainException.Conflict("already_reversed", "This verification was already reversed.", "这次核销已冲正。");
}
