using LocalLoop.Platform.Messaging;
using LocalLoop.Platform.Outbox;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>The reminder job and the SMS sender on two app nodes at once: each consumer is reminded, and texted, exactly once.</summary>
public sealed class ExpiryReminderRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Ten_passes_on_two_nodes_send_each_reminder_exactly_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 1_000, validityDays: 2);
        var consumers = new List<(Consumer Consumer, string Phone, List<Guid> Vouchers)>();
        for (var i = 0; i < 4; i++)
        {
            var phone = Scenario.NewPhone();
            var consumer = await scenario.NewConsumerAsync(walletFen: 5_000, phone: phone);
            consumers.Add((consumer, phone, (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2)).Select(v => v.Id).ToList()));
        }

        await using var second = TestApp.SecondNodeOf(app);
        var jobs = new[] { app.Services.GetRequiredService<ExpiryReminderJob>(), second.Services.GetRequiredService<ExpiryReminderJob>() };
        var reminded = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => jobs[i % 2].RunOnceAsync(CancellationToken.None))));
        (reminded.Sum() >= consumers.Count).ShouldBeTrue("every consumer was reminded by one pass or another");

        var senders = new[] { app.Services.GetRequiredService<OutboundMessageSender>(), second.Services.GetRequiredService<OutboundMessageSender>() };
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => senders[i % 2].RunOnceAsync(CancellationToken.None))));
        await ExpiryReminderClosedLoopTests.DeliverAsync(app);

        foreach (var (consumer, phone, vouchers) in consumers)
        {
            var reminderIds = await app.WithDbAsync(db => db.Vouchers.IgnoreQueryFilters().Where(v => vouchers.Contains(v.Id)).Select(v => v.ExpiryReminderId).ToListAsync());
            (reminderIds.All(id => id != null) && reminderIds.Distinct().Count() == 1).ShouldBeTrue("both vouchers were claimed by one reminder");
            (await ExpiryReminderClosedLoopTests.RemindersInInboxAsync(consumer)).Count.ShouldBe(1, "one inbox reminder");
            var sms = await ExpiryReminderClosedLoopTests.OutboundAsync(app, consumer.Id);
            sms.Count(m => m.Channel == MessageChannel.Sms).ShouldBe(1, "one SMS queued");
            (await ExpiryReminderClosedLoopTests.SandboxMessagesToAsync(app, phone)).Count.ShouldBe(1, "one SMS delivered");
        }

        var outboxRows = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Type == typeof(ExpiryReminderDue).FullName));
        (outboxRows >= consumers.Count).ShouldBeTrue();
        await app.AssertLedgerBalancedAsync();
    }
}
