using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

public sealed record BonusRuleRequest(long? MinAmountFen, long? BonusFen, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, bool? Active);

public sealed record BonusPreview(long AmountFen, long BonusFen, long CreditedFen, Guid? RuleId);

/// <summary>
/// Operators' top-up bonus rules, and the bonus a top-up earns: among the active rules whose window contains now and
/// whose threshold the amount reaches, the highest threshold wins (tiers), then the larger bonus.
/// </summary>
public sealed class TopUpBonuses(AppDbContext db, TimeProvider clock)
{
    public const long MinTopUpFen = 100;
    public const long MaxTopUpFen = 500_000;

    public static void CheckAmount(long amountFen)
    {
        if (amountFen is < MinTopUpFen or > MaxTopUpFen)
        {
            throw Validation.Single("AmountFen", $"A top-up is {new Money(MinTopUpFen)} to {new Money(MaxTopUpFen)}.",
                $"充值金额须在 {new Money(MinTopUpFen)} 到 {new Money(MaxTopUpFen)} 之间。");
        }
    }

    /// <summary>The rules a consumer can earn right now, lowest threshold first.</summary>
    public async Task<List<TopUpBonusRule>> CurrentAsync()
    {
        var now = clock.GetUtcNow();
        return await db.Set<TopUpBonusRule>().AsNoTracking()
            .Where(r => r.Active && (r.StartsAt == null || r.StartsAt <= now) && (r.EndsAt == null || r.EndsAt > now))
            .OrderBy(r => r.MinAmountFen).ThenByDescending(r => r.BonusFen).ToListAsync();
    }

    public async Task<BonusPreview> PreviewAsync(long amountFen)
    {
        CheckAmount(amountFen);
        var rule = (await CurrentAsync()).Where(r => r.MinAmountFen <= amountFen)
            .OrderByDescending(r => r.MinAmountFen).ThenByDescending(r => r.BonusFen).FirstOrDefault();
        var bonus = rule?.BonusFen ?? 0;
        return new BonusPreview(amountFen, bonus, amountFen + bonus, rule?.Id);
    }

    public Task<List<TopUpBonusRule>> ListAllAsync() =>
        db.Set<TopUpBonusRule>().AsNoTracking().OrderBy(r => r.MinAmountFen).ThenBy(r => r.CreatedAt).ToListAsync();

    public async Task<TopUpBonusRule> CreateAsync(BonusRuleRequest request)
    {
        Check(request);
        var rule = new TopUpBonusRule { Id = Guid.CreateVersion7(), CreatedAt = clock.GetUtcNow() };
        Apply(rule, request);
        db.Add(rule);
        await db.SaveChangesAsync();
        return rule;
    }

    /// <summary>Changes a rule for top-ups started from now on; top-ups already started keep the bonus they were shown.</summary>
    public async Task<TopUpBonusRule> UpdateAsync(Guid id, BonusRuleRequest request)
    {
        Check(request);
        var rule = await db.Set<TopUpBonusRule>().SingleOrDefaultAsync(r => r.Id == id) ?? throw DomainException.NotFound("Bonus rule", "充值赠送规则");
        Apply(rule, request);
        await db.SaveChangesAsync();
        return rule;
    }

    private static void Apply(TopUpBonusRule rule, BonusRuleRequest request)
    {
        rule.MinAmountFen = request.MinAmountFen!.Value;
        rule.BonusFen = request.BonusFen!.Value;
        rule.StartsAt = request.StartsAt;
        rule.EndsAt = request.EndsAt;
        rule.Active = request.Active ?? true;
    }

    private static void Check(BonusRuleRequest request)
    {
        var errors = new Validation();
        errors.Check(nameof(request.MinAmountFen), request.MinAmountFen is >= MinTopUpFen and <= MaxTopUpFen,
            $"The threshold is a top-up amount from {new Money(MinTopUpFen)} to {new Money(MaxTopUpFen)}.",
            $"门槛须为 {new Money(MinTopUpFen)} 到 {new Money(MaxTopUpFen)} 之间的充值金额。");
        errors.Check(nameof(request.BonusFen), request.BonusFen is >= 1 && (request.MinAmountFen is null || request.BonusFen <= request.MinAmountFen),
            "The bonus must be positive and at most the threshold.", "赠送金额须大于 0，且不超过充值门槛。");
        errors.Check(nameof(request.EndsAt), request.StartsAt is null || request.EndsAt is null || request.EndsAt > request.StartsAt,
            "The end must be after the start.", "结束时间须晚于开始时间。");
        errors.ThrowIfAny();
    }
}
