using LocalLoop.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Infrastructure;

public static class OutboxDelivery
{
    /// <summary>
    /// Delivers every outbox message that can be delivered, including those the app's background dispatcher has
    /// claimed and is delivering right now, so what happens after commit (sold counts, inbox) is visible to the test.
    /// </summary>
    public static async Task DeliverOutboxAsync(this TestApp app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        for (var pass = 0; pass < 200; pass++)
        {
            await dispatcher.DispatchPendingAsync(CancellationToken.None);
            if (!await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.DispatchedAt == null && m.LastError == null)))
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The outbox still holds undelivered messages after 200 passes.");
    }
}
