using LocalLoop.Ledger;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Outbox;
using LocalLoop.SandboxGateway;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Payments;

public sealed record TopUpRequest(long AmountFen);

public sealed record TopUpStarted(Guid Id, long AmountFen, long BonusFen, string CashierUrl);

public sealed record TopUpView(Guid Id, long AmountFen, long BonusFen, string State, DateTimeOffset CreatedAt, DateTimeOffset? SucceededAt)
{
    public static TopUpView From(WalletTopUp t) => new(t.Id, t.AmountFen, t.BonusFen, t.State.ToString(), t.CreatedAt, t.SucceededAt);
}

public sealed record WalletToppedUp(Guid ConsumerId, long AmountFen, long BonusFen) : IDomainEvent
{
    public Guid? NotifyUserId => ConsumerId;

    public string NotificationTitle => "充值成功 / Wallet topped up";

    public string NotificationBody => BonusFen > 0
        ? $"充值 {new Money(AmountFen)}，赠送 {new Money(BonusFen)}，已到账。 / {new Money(AmountFen)} topped up, plus a {new Money(BonusFen)} bonus."
        : $"充值 {new Money(AmountFen)} 已到账。 / {new Money(AmountFen)} topped up.";
}

/// <summary>
/// Wallet top-up through the gateway: the bonus is fixed when the top-up starts; the gateway's checked notification
/// credits the paid amount and the bonus as two balanced ledger transactions (the bonus is the platform's marketing
/// expense), once, by a conditional update.
/// </summary>
public sealed class WalletTopUps(AppDbContext db, TopUpBonuses bonuses, LedgerPostings ledger, OutboxWriter outbox, SandboxGatewayClient gateway, TimeProvider clock)
{
    public async Task<TopUpStarted> StartAsync(Guid consumerId, long amountFen, HttpRequest? current)
    {
        var preview = await bonuses.PreviewAsync(amountFen);
        var topUp = new WalletTopUp
        {
            Id = Guid.CreateVersion7(),
            ConsumerId = consumerId,
            AmountFen = amountFen,
            BonusFen = preview.BonusFen,
            BonusRuleId = preview.RuleId,
            State = TopUpState.Pending,
            TradeNo = "LT" + Guid.CreateVersion7().ToString("N")[..24].ToUpperInvariant(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(topUp);
        await db.SaveChangesAsync();

        var baseUrl = gateway.BaseUrl(current);
        var appUrl = gateway.AppUrl(current);
        var trade = await gateway.CreateTradeAsync(baseUrl, new CreateTradeRequest(topUp.TradeNo, amountFen, "钱包充值 Wallet top-up",
            NotifyUrl: $"{appUrl}/api/payments/sandbox/notify", ReturnUrl: $"{appUrl}/me/wallet/top-up/{topUp.Id}"));
        return new TopUpStarted(topUp.Id, topUp.AmountFen, topUp.BonusFen, trade.CashierUrl);
    }

    /// <summary>Credits a top-up whose notification was checked; false if it changed nothing (a repeat).</summary>
    public async Task<bool> CompleteAsync(WalletTopUp topUp, string gatewayTransactionId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        // A top-up the app saw fail may still be paid later at the gateway: the money arrived, so it is credited.
        var won = await db.Set<WalletTopUp>().Where(t => t.Id == topUp.Id && t.State != TopUpState.Succeeded)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TopUpState.Succeeded).SetProperty(t => t.SucceededAt, now)
                .SetProperty(t => t.GatewayTransactionId, gatewayTransactionId));
        if (won == 0)
        {
            return false;
        }

        var credit = topUp.AmountFen + topUp.BonusFen;
        await db.Wallets.Where(w => w.UserId == topUp.ConsumerId).ExecuteUpdateAsync(s => s.SetProperty(w => w.BalanceFen, w => w.BalanceFen + credit));
        var wallet = Accounts.ConsumerWallet(topUp.ConsumerId);
        ledger.Post("topup", topUp.Id, (Accounts.SandboxGateway, new Money(-topUp.AmountFen)), (wallet, new Money(topUp.AmountFen)));
        if (topUp.BonusFen > 0)
        {
            ledger.Post("topup-bonus", topUp.Id, (Accounts.PlatformMarketing, new Money(-topUp.BonusFen)), (wallet, new Money(topUp.BonusFen)));
        }

        outbox.Add(new WalletToppedUp(topUp.ConsumerId, topUp.AmountFen, topUp.BonusFen));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }

    public Task<List<WalletTopUp>> ListAsync(Guid consumerId) =>
        db.Set<WalletTopUp>().AsNoTracking().Where(t => t.ConsumerId == consumerId).OrderByDescending(t => t.CreatedAt).Take(50).ToListAsync();

    /// <summary>The consumer's own top-up; a pending one is checked with the gateway, so a declined payment shows as failed.</summary>
    public async Task<WalletTopUp> FindAsync(Guid consumerId, Guid id, HttpRequest? current)
    {
        var topUp = await db.Set<WalletTopUp>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.ConsumerId == consumerId)
            ?? throw DomainException.NotFound("Top-up", "充值记录");
        if (topUp.State == TopUpState.Pending && await GatewayGaveUpAsync(topUp, current))
        {
            await db.Set<WalletTopUp>().Where(t => t.Id == id && t.State == TopUpState.Pending).ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TopUpState.Failed));
            topUp.State = TopUpState.Failed;
        }

        return topUp;
    }

    /// <summary>True when the gateway declined or closed the trade; an unreachable gateway leaves the top-up pending.</summary>
    private async Task<bool> GatewayGaveUpAsync(WalletTopUp topUp, HttpRequest? current)
    {
        try
        {
            return await gateway.QueryTradeAsync(gateway.BaseUrl(current), topUp.TradeNo) is { State: nameof(SandboxTradeState.Failed) or nameof(SandboxTradeState.Closed) };
        }
        catch (Exception ex) when (ex is GatewayException or HttpRequestException)
        {
            return false;
        }
    }
}
