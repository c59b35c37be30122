using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.ExternalCodes;

/// <summary>
/// A consumption left Pending because the platform went quiet is settled by the background job once the platform
/// answers again — not only when the clerk retries the code — exactly once, even with two nodes running it.
/// </summary>
public sealed class ExternalCodesPendingJobTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Pending_rows_wait_out_an_outage_then_two_nodes_settle_each_exactly_once(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var codes = await VoucherPlatform.SellAsync(app, shop, count: 2, settlementFen: 7_300, fault: SandboxFaults.OutageAfterConsume);
        foreach (var code in codes)
        {
            await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, code), 503, "platform_unconfirmed");
        }

        // A consume that never reached the platform: the platform will say it knows no such request.
        var lost = (await VoucherPlatform.SellAsync(app, shop)).Single();
        var lostId = await app.WithDbAsync(async db =>
        {
            var row = await db.ExternalConsumptions.AsNoTracking().FirstAsync(c => c.Code == codes[0]);
            var never = new ExternalConsumption
            {
                Id = Guid.CreateVersion7(), MerchantId = row.MerchantId, Platform = row.Platform, Code = lost, RequestId = Guid.NewGuid().ToString("N"),
                Title = row.Title, FaceValueFen = row.FaceValueFen, SettlementFen = row.SettlementFen, StoreId = row.StoreId, ClerkUserId = row.ClerkUserId,
                State = ExternalConsumptionState.Pending, CreatedAt = row.CreatedAt,
            };
            db.ExternalConsumptions.Add(never);
            await db.SaveChangesAsync();
            return never.Id;
        });

        var job = app.Services.GetRequiredService<ExternalPendingJob>();
        (await job.RunOnceAsync(CancellationToken.None)).ShouldBe(0, "rows younger than the grace period may still be in the clerk's hands");

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        // Still down: the platform's outage leaves the consumed codes Pending, and nothing is counted.
        var settledDuringOutage = await job.RunOnceAsync(CancellationToken.None);
        settledDuringOutage.ShouldBe(1, "only the request the platform never saw is settled (Failed)");
        (await StatesAsync(app, codes)).ShouldBeEquivalentTo([ExternalConsumptionState.Pending, ExternalConsumptionState.Pending]);
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Days.Count.ShouldBe(0);
        (await app.WithDbAsync(db => db.ExternalConsumptions.AsNoTracking().SingleAsync(c => c.Id == lostId))).State.ShouldBe(ExternalConsumptionState.Failed);

        // The platform recovers; two nodes run the job at once.
        foreach (var code in codes)
        {
            await VoucherPlatform.SetFaultAsync(app, code, null);
        }

        await using var second = TestApp.SecondNodeOf(app);
        second.Clock.Advance(app.Clock.Offset - second.Clock.Offset);
        var jobs = new[] { job, second.Services.GetRequiredService<ExternalPendingJob>() };
        var settled = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => jobs[i % 2].RunOnceAsync(CancellationToken.None))));
        settled.Sum().ShouldBe(2, "each pending row is settled by exactly one pass");

        (await StatesAsync(app, codes)).ShouldBeEquivalentTo([ExternalConsumptionState.Consumed, ExternalConsumptionState.Consumed]);
        foreach (var code in codes)
        {
            (await VoucherPlatform.ConsumptionsOnPlatformAsync(app, code)).ShouldBe(1, "the platform consumed once");
        }

        var settlement = await VoucherPlatform.SettlementAsync(merchant.Owner);
        (settlement.Totals.Single().Count, settlement.Totals.Single().SettlementFen).ShouldBe((2, 14_600L));
        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        foreach (var code in codes)
        {
            log.Count(e => e.Code == code && e.Succeeded).ShouldBe(1, "one successful log row per settled consumption");
        }

        log.Count(e => e.Code == lost && !e.Succeeded && e.Outcome.Contains("not consumed", StringComparison.Ordinal)).ShouldBe(1);
        // The clerk's retry now learns the code was used; nothing is consumed twice.
        await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, codes[0]), 409, "already_verified");
        await app.AssertLedgerBalancedAsync();
    }

    private static Task<List<ExternalConsumptionState>> StatesAsync(TestApp app, List<string> codes) =>
        app.WithDbAsync(db => db.ExternalConsumptions.AsNoTracking().Where(c => codes.Contains(c.Code)).Select(c => c.State).ToListAsync());
}
