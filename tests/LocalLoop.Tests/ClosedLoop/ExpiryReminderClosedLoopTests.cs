using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LocalLoop.Platform.Messaging;
using LocalLoop.Platform.Outbox;
using LocalLoop.SandboxGateway;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// Reminders before expiry: one per consumer, in the inbox and by SMS (and email) through the sandbox provider, saying what
/// expires when (Shanghai time) and what happens then under each voucher's policy; none for used or refunded vouchers;
/// SMS turned off stays off; a failing provider is retried and every attempt is recorded.
/// </summary>
public sealed class ExpiryReminderClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_voucher_near_expiry_gets_one_inbox_reminder_and_one_sms_naming_its_date_and_policy(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var anyTime = await scenario.NewMerchantAsync(priceFen: 2_000, validityDays: 2, title: "双人下午茶");
        var none = await scenario.NewMerchantAsync(priceFen: 3_000, validityDays: 1, title: "洗车一次", refundPolicy: "None");
        var later = await scenario.NewMerchantAsync(priceFen: 1_000, validityDays: 30, title: "月卡体验");
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(walletFen: 20_000, phone: phone);
        var tea = await Scenario.BuyWithWalletAsync(consumer, anyTime.DealId, 3);
        var wash = (await Scenario.BuyWithWalletAsync(consumer, none.DealId, 1)).Single();
        await Scenario.BuyWithWalletAsync(consumer, later.DealId, 1);
        await (await Scenario.VerifyAsync(anyTime.Clerk, anyTime.HonouringStoreId, tea[1].Code)).ShouldHaveStatusAsync(200);
        await consumer.Client.PostAsync($"/api/me/vouchers/{tea[2].Id}/refund", null).ShouldReturnAsync<RefundResult>();

        await RunRemindersAsync(app);
        await RunRemindersAsync(app);
        await DeliverAsync(app);

        var reminders = await RemindersInInboxAsync(consumer);
        reminders.Count.ShouldBe(1, "one reminder listing both soon-expiring vouchers");
        var body = reminders[0].Body;
        body.Contains($"双人下午茶（券码尾号 {tea[0].Code[^4..]}）将于 {Local(tea[0].ExpiresAt)}（北京时间）到期；过期未使用将自动退款", StringComparison.Ordinal)
            .ShouldBeTrue("the AnyTime voucher: its Shanghai expiry and the auto-refund, in Chinese");
        body.Contains($"洗车一次 (code ending {wash.Code[^4..]}) expires {Local(wash.ExpiresAt)} (China time); it is non-refundable", StringComparison.Ordinal)
            .ShouldBeTrue("the None voucher: its expiry and that it is lost, in English");
        body.Contains("该券不可退，过期未使用将作废", StringComparison.Ordinal).ShouldBeTrue();
        body.Split('\n').Count(line => line.StartsWith("· ", StringComparison.Ordinal)).ShouldBe(4, "two vouchers in each language: not the used, refunded or later one");
        body.Contains("月卡体验", StringComparison.Ordinal).ShouldBe(false, "a voucher 30 days from expiry is not due");

        var reminded = await app.WithDbAsync(db => db.Vouchers.IgnoreQueryFilters().Where(v => v.ConsumerId == consumer.Id && v.ExpiryReminderId != null)
            .Select(v => v.Id).ToListAsync());
        reminded.Order().ShouldBeEquivalentTo(new[] { tea[0].Id, wash.Id }.Order());

        var sms = await SandboxMessagesToAsync(app, phone);
        sms.Count.ShouldBe(1, "one SMS, recorded by the provider");
        sms[0].Channel.ShouldBe(MessageChannel.Sms);
        sms[0].Text.Contains(Local(wash.ExpiresAt), StringComparison.Ordinal).ShouldBeTrue();
        (await SandboxMessagesToAsync(app, consumer.Email)).Count.ShouldBe(1, "and one email, the consumer having an address");
        var records = await OutboundAsync(app, consumer.Id);
        records.Select(r => (r.Channel, r.Status, r.Attempts, r.Template)).OrderBy(r => r.Channel).ShouldBeEquivalentTo(
            [(MessageChannel.Sms, OutboundMessageStatus.Sent, 1, ExpiryReminderJob.Template), (MessageChannel.Email, OutboundMessageStatus.Sent, 1, ExpiryReminderJob.Template)]);

        // The operator's log lists it with the number masked.
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        var log = await admin.GetFromJsonAsync<List<OutboundMessageView>>("/api/admin/messages");
        var row = log!.Single(m => m.Id == records.Single(r => r.Channel == MessageChannel.Sms).Id);
        row.To.ShouldBe(phone[..3] + "****" + phone[^4..]);
        (await admin.GetStringAsync("/admin/messages")).Contains(phone[..3] + "****" + phone[^4..], StringComparison.Ordinal).ShouldBeTrue();
        (await admin.GetStringAsync("/admin/messages")).Contains(phone, StringComparison.Ordinal).ShouldBe(false, "the page never shows a full number");

        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Used_and_refunded_vouchers_get_no_reminder(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_800, validityDays: 2);
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000, phone: Scenario.NewPhone());
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2);
        await (await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code)).ShouldHaveStatusAsync(200);
        await consumer.Client.PostAsync($"/api/me/vouchers/{vouchers[1].Id}/refund", null).ShouldReturnAsync<RefundResult>();

        await RunRemindersAsync(app);
        await DeliverAsync(app);

        (await RemindersInInboxAsync(consumer)).Count.ShouldBe(0);
        (await OutboundAsync(app, consumer.Id)).Count.ShouldBe(0, "no SMS and no email either");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_who_turned_sms_off_gets_the_reminder_in_the_inbox_and_by_email_only(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_200, validityDays: 1);
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000, phone: phone);
        (await consumer.Client.GetFromJsonAsync<ReminderPreferencesView>("/api/me/reminder-preferences"))!.Sms.ShouldBeTrue("on until turned off");
        var set = await consumer.Client.PutAsJsonAsync("/api/me/reminder-preferences", new ReminderPreferencesRequest(false, null)).ShouldReturnAsync<ReminderPreferencesView>();
        (set.Sms, set.Email).ShouldBe((false, true));
        set.Phone.ShouldBe(phone[..3] + "****" + phone[^4..]);
        await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1);

        await RunRemindersAsync(app);
        await DeliverAsync(app);

        (await RemindersInInboxAsync(consumer)).Count.ShouldBe(1, "the inbox always gets it");
        (await SandboxMessagesToAsync(app, phone)).Count.ShouldBe(0, "no SMS");
        (await SandboxMessagesToAsync(app, consumer.Email)).Count.ShouldBe(1, "email is still on");
        await consumer.Client.PutAsJsonAsync("/api/me/reminder-preferences", new ReminderPreferencesRequest(null, null)).ShouldBeProblemAsync(400, "validation_failed");
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_failing_sms_provider_is_retried_with_backoff_and_every_attempt_is_recorded(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_500, validityDays: 2);
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(walletFen: 10_000, phone: phone);
        await consumer.Client.PutAsJsonAsync("/api/me/reminder-preferences", new ReminderPreferencesRequest(null, false)).ShouldReturnAsync<ReminderPreferencesView>();
        await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1);
        await RunRemindersAsync(app);

        // The provider is told, through its own signed API, to refuse the next two requests.
        await TellSandboxToFailAsync(app, 2);
        var sender = app.Services.GetRequiredService<OutboundMessageSender>();
        (await sender.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
        var first = (await OutboundAsync(app, consumer.Id)).Single();
        (first.Status, first.Attempts).ShouldBe((OutboundMessageStatus.Pending, 1));
        (first.LastError ?? "").Contains("503", StringComparison.Ordinal).ShouldBeTrue("the provider's answer is recorded");
        (await sender.RunOnceAsync(CancellationToken.None)).ShouldBe(0, "not retried before its backoff has passed");
        (await OutboundAsync(app, consumer.Id)).Single().Attempts.ShouldBe(1);

        app.Clock.Advance(TimeSpan.FromSeconds(11));
        await sender.RunOnceAsync(CancellationToken.None);
        var second = (await OutboundAsync(app, consumer.Id)).Single();
        (second.Status, second.Attempts).ShouldBe((OutboundMessageStatus.Pending, 2));
        (second.NextAttemptAt - app.Clock.GetUtcNow() > TimeSpan.FromSeconds(30)).ShouldBeTrue("the second wait is longer than the first");

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        (await sender.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        var sent = (await OutboundAsync(app, consumer.Id)).Single();
        (sent.Status, sent.Attempts).ShouldBe((OutboundMessageStatus.Sent, 3));
        (sent.ProviderMessageId ?? "").StartsWith("SMS", StringComparison.Ordinal).ShouldBeTrue();
        (await SandboxMessagesToAsync(app, phone)).Count.ShouldBe(1, "delivered once");
        await app.AssertLedgerBalancedAsync();
    }

    internal static async Task RunRemindersAsync(TestApp app) =>
        await app.Services.GetRequiredService<ExpiryReminderJob>().RunOnceAsync(CancellationToken.None);

    /// <summary>Runs what the background services would: the outbox into inboxes, then the SMS/email queue.</summary>
    internal static async Task DeliverAsync(TestApp app)
    {
        while (await app.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None) > 0)
        {
        }

        await app.Services.GetRequiredService<OutboundMessageSender>().RunOnceAsync(CancellationToken.None);
    }

    internal static async Task<List<NotificationView>> RemindersInInboxAsync(Consumer consumer) =>
        (await consumer.Client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications"))!
            .Where(n => n.Title.Contains("Vouchers expiring soon", StringComparison.Ordinal)).ToList();

    internal static Task<List<SandboxMessage>> SandboxMessagesToAsync(TestApp app, string to) =>
        app.WithDbAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.To == to).ToListAsync());

    internal static Task<List<OutboundMessage>> OutboundAsync(TestApp app, Guid userId) =>
        app.WithDbAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.UserId == userId).ToListAsync());

    private static async Task TellSandboxToFailAsync(TestApp app, int count)
    {
        var body = JsonSerializer.Serialize(new SandboxFailRequest(count), JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox-messages/api/fail-next") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(GatewaySignature.Header, GatewaySignature.Sign(body, new MessagingOptions().Sandbox.Secret));
        (await app.Anonymous().SendAsync(request)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
    }

    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Shanghai).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
