using System.Text.Json;
using LocalLoop.Deals;
using LocalLoop.Tests.ClosedLoop;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>
/// 每桌限用 2 张 under concurrency: clerks verify one customer's five vouchers of the deal at the same moment, singly
/// or a batch racing single codes; exactly two are used, every other one is refused naming the limit.
/// </summary>
public sealed class VisitLimitRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Limit = 2;
    private const int Held = 5;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_single_verifications_stop_at_the_per_visit_limit(string database)
    {
        var (app, merchant, vouchers, clerks) = await SetUpAsync(database);

        var responses = await Task.WhenAll(vouchers.Select((v, i) => Scenario.VerifyAsync(clerks[i], merchant.HonouringStoreId, v.Code)));

        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(Limit, "exactly the limit is verified");
        foreach (var refused in responses.Where(r => (int)r.StatusCode != 200))
        {
            (await CodeAsync(refused, 409)).ShouldBe("per_visit_limit", "every other clerk is told the visit is full");
        }

        await AssertSettledAsync(app, merchant, vouchers);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_batch_racing_single_codes_stops_at_the_per_visit_limit(string database)
    {
        var (app, merchant, vouchers, clerks) = await SetUpAsync(database);

        var batch = Scenario.VerifyBatchAsync(clerks[0], merchant.HonouringStoreId, vouchers.Take(Limit).Select(v => v.Id));
        var singles = vouchers.Skip(Limit).Select((v, i) => Scenario.VerifyAsync(clerks[i + 1], merchant.HonouringStoreId, v.Code)).ToList();
        var batchResponse = await batch;
        var singleResponses = await Task.WhenAll(singles);

        foreach (var refused in singleResponses.Where(r => (int)r.StatusCode != 200))
        {
            (await CodeAsync(refused, 409)).ShouldBe("per_visit_limit", "a refused single code names the limit");
        }

        if ((int)batchResponse.StatusCode != 200)
        {
            (await CodeAsync(batchResponse, 409)).ShouldBe("batch_refused");
        }

        await AssertSettledAsync(app, merchant, vouchers);
    }

    private async Task<(TestApp App, MerchantSetup Merchant, List<VoucherView> Vouchers, List<HttpClient> Clerks)> SetUpAsync(string database)
    {
        var app = await fixture.For(database);
        // Well inside one Shanghai business day, so every verification belongs to the same visit.
        var local = ValidityRules.Local(app.Clock.GetUtcNow());
        if (local.Hour >= 22)
        {
            app.Clock.Advance(TimeSpan.FromHours(3));
        }

        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var deal = await ValidityRulesClosedLoopTests.CreateApprovedDealAsync(app, merchant, new ValidityRulesRequest(PerVisitLimit: Limit));
        var consumer = await scenario.NewConsumerAsync(walletFen: 5_000L * Held);
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, deal.Id, Held);
        var clerks = new List<HttpClient>();
        for (var i = 0; i < Held; i++)
        {
            clerks.Add(await app.SignInAsync(merchant.ClerkEmail));
        }

        return (app, merchant, vouchers, clerks);
    }

    private static async Task AssertSettledAsync(TestApp app, MerchantSetup merchant, List<VoucherView> vouchers)
    {
        var ids = vouchers.Select(v => v.Id).ToList();
        var verified = await app.WithDbAsync(db => db.Vouchers.CountAsync(v => ids.Contains(v.Id) && v.State == VoucherState.Verified));
        verified.ShouldBe(Limit, "the customer's visit used exactly the limit");
        var settled = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Kind == "verification" && e.ReferenceId != null && ids.Contains(e.ReferenceId.Value))
            .Select(e => e.TransactionId).Distinct().CountAsync());
        settled.ShouldBe(Limit, "only the verified vouchers were settled");
        (await app.AccountBalanceAsync(Ledger.Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(Limit * (5_000L - 250), "the merchant has the used vouchers' money less commission");
        (await app.AssertLedgerBalancedAsync()).ShouldBeTrue();
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response, int status)
    {
        await response.ShouldHaveStatusAsync(status);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
    }
}
