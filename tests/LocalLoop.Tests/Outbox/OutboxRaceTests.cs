using LocalLoop.Deals;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform.Outbox;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Outbox;

/// <summary>The outbox delivers in batches: several dispatchers never deliver a message twice, and a failing message holds back only itself.</summary>
public sealed class OutboxRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Several_dispatchers_over_a_backlog_count_every_sale_once_and_tell_every_buyer_once(string database)
    {
        const int Sales = 240;
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var soldBefore = await SoldCountAsync(app, merchant.DealId);
        var paidIds = await WriteAsync(app, Enumerable.Range(0, Sales).SelectMany<int, IDomainEvent>(i =>
            [new DealSold(merchant.DealId, Guid.NewGuid(), 1), new OrderPaid(consumer.Id, Guid.NewGuid(), "双人火锅套餐", 1)]));

        // Four dispatchers at once, as on four nodes, next to the app's own background one.
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (await dispatcher.DispatchPendingAsync(CancellationToken.None) > 0)
            {
            }
        })));
        await app.DeliverOutboxAsync();

        (await SoldCountAsync(app, merchant.DealId)).ShouldBe(soldBefore + Sales, "each sale counted exactly once");
        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => paidIds.Contains(n.Id)))).ShouldBe(Sales, "one inbox message per payment");
        (await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => paidIds.Contains(m.Id) && m.DispatchedAt != null))).ShouldBe(Sales);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_message_that_cannot_be_delivered_holds_back_only_itself(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync();
        var broken = new OutboxMessage { Id = Guid.CreateVersion7(), Type = "LocalLoop.Future.SomethingNew", Payload = "{}", OccurredAt = DateTimeOffset.UtcNow };
        // Written in one commit with five good ones, so they share a batch; the unknown type comes from a newer version of
        // the platform that this node does not know yet.
        var good = await WriteAsync(app, Enumerable.Range(0, 5).Select(_ => (IDomainEvent)new OrderPaid(consumer.Id, Guid.NewGuid(), "真丝领带", 1, OrderKind.Shipping)), broken);

        await app.DeliverOutboxAsync();

        (await app.WithDbAsync(db => db.Notifications.CountAsync(n => good.Contains(n.Id)))).ShouldBe(5, "the others in its batch are delivered");
        var stuck = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == broken.Id));
        stuck.DispatchedAt.ShouldBe(null);
        (stuck.LastError ?? "").Contains("Unknown event type", StringComparison.Ordinal).ShouldBeTrue("the reason is kept for the operator");
        (stuck.Attempts >= 1).ShouldBeTrue("the attempt is counted, so the message stops being retried after the limit");
    }

    private static Task<int> SoldCountAsync(TestApp app, Guid dealId) =>
        app.WithDbAsync(db => db.Deals.Where(d => d.Id == dealId).Select(d => d.SoldCount).SingleAsync());

    /// <summary>Writes the events the way the platform does; returns the ids of the messages that notify someone.</summary>
    private static Task<List<Guid>> WriteAsync(TestApp app, IEnumerable<IDomainEvent> events, OutboxMessage? alsoWritten = null) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Platform.Data.AppDbContext>();
            var writer = sp.GetRequiredService<OutboxWriter>();
            foreach (var domainEvent in events)
            {
                switch (domainEvent)
                {
                    case DealSold sold:
                        writer.Add(sold);
                        break;
                    case OrderPaid paid:
                        writer.Add(paid);
                        break;
                }
            }

            if (alsoWritten is not null)
            {
                db.OutboxMessages.Add(alsoWritten);
            }

            var notifying = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.Entity.Type == typeof(OrderPaid).FullName).Select(e => e.Entity.Id).ToList();
            await db.SaveChangesAsync();
            return notifying;
        });
}
