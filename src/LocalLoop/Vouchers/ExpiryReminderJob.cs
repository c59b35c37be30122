using LocalLoop.Platform;
using System.Globalization;
using System.Text;
using LocalLoop.Deals;
using LocalLoop.Discovery;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Messaging;
using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Vouchers;

/// <summary>Settings under <c>Vouchers</c> for the reminders.</summary>
public sealed class ExpiryReminderOptions
{
    /// <summary>Remind of vouchers that expire today or within this many following days (Shanghai dates).</summary>
    public int ReminderDaysBefore { get; set; } = 3;

    /// <summary>How often each node looks for vouchers to remind of.</summary>
    public int ReminderScanSeconds { get; set; } = 300;
}

/// <summary>One voucher in a reminder.</summary>
public sealed record ExpiringVoucher(string DealTitle, string Code, DateTimeOffset ExpiresAt, RefundPolicy RefundPolicy);

/// <summary>A consumer's vouchers are about to expire: what expires when, and what happens at expiry under each one's policy.</summary>
public sealed record ExpiryReminderDue(Guid ConsumerId, List<ExpiringVoucher> Vouchers) : IDomainEvent
{
    /// <summary>Lines shown in one message; the rest are counted.</summary>
    public const int MaxLines = 5;

    public const int MaxBodyLength = 1000;

    public Guid? NotifyUserId => ConsumerId;

    public string NotificationTitle => $"券即将过期 / Vouchers expiring soon ({Vouchers.Count})";

    /// <summary>Both languages, cut to what the inbox holds (<see cref="MaxBodyLength"/>).</summary>
    public string NotificationBody
    {
        get
        {
            var body = Text(chinese: true) + "\n" + Text(chinese: false);
            return body.Length <= MaxBodyLength ? body : body[..(MaxBodyLength - 1)] + "…";
        }
    }

    /// <summary>The message in one language: one line per voucher, e.g. "双人火锅套餐（券码尾号 9012）将于 2026-11-25 18:00 到期；过期未使用将自动退款。"</summary>
    public string Text(bool chinese)
    {
        var text = new StringBuilder(chinese ? "您有券即将过期：" : "Vouchers expiring soon:");
        foreach (var voucher in Vouchers.OrderBy(v => v.ExpiresAt).Take(MaxLines))
        {
            var when = ConsumerFormat.DateTime(voucher.ExpiresAt);
            var tail = voucher.Code.Length > 4 ? voucher.Code[^4..] : voucher.Code;
            text.Append(chinese
                ? $"\n· {voucher.DealTitle}（券码尾号 {tail}）将于 {when}（北京时间）到期；{AtExpiry(voucher.RefundPolicy, true)}"
                : $"\n· {voucher.DealTitle} (code ending {tail}) expires {when} (China time); {AtExpiry(voucher.RefundPolicy, false)}");
        }

        if (Vouchers.Count > MaxLines)
        {
            var more = (Vouchers.Count - MaxLines).ToString(CultureInfo.InvariantCulture);
            text.Append(chinese ? $"\n另有 {more} 张，详见“我的券”。" : $"\nand {more} more in My vouchers.");
        }

        return text.ToString();
    }

    private static string AtExpiry(RefundPolicy policy, bool chinese) => policy.RefundedAtExpiry()
        ? chinese ? "过期未使用将自动退款，原路退回。" : "if unused by then, it is refunded automatically."
        : chinese ? "该券不可退，过期未使用将作废。" : "it is non-refundable: unused by then, it is lost.";
}

/// <summary>
/// Reminds consumers of their unused vouchers that expire today or within <see cref="ExpiryReminderOptions.ReminderDaysBefore"/>
/// days (Shanghai dates): one message per consumer per pass listing all of them, to the inbox always and by SMS and email
/// where the consumer has a number or address and has not turned that channel off. Every node runs it: a conditional
/// update stamps the consumer's due vouchers with a fresh reminder id in the same transaction as the outbox and message
/// rows, so each voucher is reminded exactly once, whichever node wins. The window moves in whole days, so a consumer
/// normally hears from us at most once a day.
/// </summary>
public sealed class ExpiryReminderJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ExpiryReminderOptions> options, ILogger<ExpiryReminderJob> logger)
    : PeriodicJob(logger)
{
    public const string Template = "expiry-reminder";

    /// <summary>How many consumers one pass reminds; the next pass continues.</summary>
    public const int BatchSize = 200;

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ReminderScanSeconds);

    /// <summary>One pass; returns how many consumers this call reminded (others may have been reminded by another node).</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = TimeZoneInfo.ConvertTime(now, Shanghai);
        var horizon = new DateTimeOffset(today.Date.AddDays(options.Value.ReminderDaysBefore + 1), today.Offset).ToUniversalTime();
        List<Guid> consumers;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            consumers = await Due(db, now, horizon).Select(v => v.ConsumerId).Distinct().Take(BatchSize).ToListAsync(cancellationToken);
        }

        var reminded = 0;
        foreach (var consumerId in consumers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = scopes.CreateScope();
            if (await RemindAsync(scope.ServiceProvider, consumerId, now, horizon, cancellationToken))
            {
                reminded++;
            }
        }

        if (reminded > 0)
        {
            Logger.LogInformation("Reminded {Count} consumers of expiring vouchers", reminded);
        }

        return reminded;
    }

    private static IQueryable<Voucher> Due(AppDbContext db, DateTimeOffset now, DateTimeOffset horizon) =>
        db.Vouchers.IgnoreQueryFilters().Where(v => v.State == VoucherState.Issued && v.ExpiryReminderId == null && v.ExpiresAt > now && v.ExpiresAt < horizon);

    private static async Task<bool> RemindAsync(IServiceProvider services, Guid consumerId, DateTimeOffset now, DateTimeOffset horizon, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var reminderId = Guid.CreateVersion7();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await Due(db, now, horizon).Where(v => v.ConsumerId == consumerId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiryReminderId, reminderId), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var vouchers = await db.Vouchers.IgnoreQueryFilters().AsNoTracking().Where(v => v.ExpiryReminderId == reminderId)
            .Select(v => new ExpiringVoucher(v.DealTitle, v.Code, v.ExpiresAt, v.RefundPolicy)).ToListAsync(cancellationToken);
        var reminder = new ExpiryReminderDue(consumerId, vouchers);
        services.GetRequiredService<OutboxWriter>().Add(reminder);

        var user = await db.Users.AsNoTracking().Where(u => u.Id == consumerId).Select(u => new { u.PhoneNumber, u.Email }).SingleAsync(cancellationToken);
        var preference = await db.MessagingPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == consumerId, cancellationToken) ?? new MessagingPreference();
        var messages = services.GetRequiredService<OutboundMessages>();
        if (!string.IsNullOrWhiteSpace(user.PhoneNumber) && preference.SmsReminders)
        {
            messages.Queue(consumerId, MessageChannel.Sms, user.PhoneNumber, Template, reminder.NotificationTitle, reminder.NotificationBody);
        }

        if (!string.IsNullOrWhiteSpace(user.Email) && preference.EmailReminders)
        {
            messages.Queue(consumerId, MessageChannel.Email, user.Email, Template, "【LocalLoop】" + reminder.NotificationTitle, reminder.NotificationBody);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
