using System.Net;
using System.Net.Http.Json;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform.Outbox;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Orders;

/// <summary>
/// A flash sale through real orders: 200 buyers, each with money in the wallet, check out and pay (half of them in the
/// same request) for the last 20 units at once — on SQLite, on PostgreSQL, and on PostgreSQL with the buyers split across two app nodes; buyers
/// short of balance among buyers of one SKU, refused alone however their checkouts are grouped. And many
/// payers of one deal, whose sold count is taken after their payments commit, exactly once each.
/// </summary>
public sealed class OrderRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Buyers = 200;
    private const int Units = 20;
    private const long ShirtPriceFen = 9_900;

    public static TheoryData<string, int> DatabasesAndNodes
    {
        get
        {
            var data = new TheoryData<string, int> { { TestDatabases.Sqlite, 1 } };
            if (TestDatabases.PostgresBase is not null)
            {
                data.Add(TestDatabases.Postgres, 1);
                data.Add(TestDatabases.Postgres, 2);
            }

            return data;
        }
    }

    /// <summary>
    /// On PostgreSQL, checkouts of one SKU that arrive together commit together (CheckoutBatches); a member the wallet
    /// or the stock refuses must leave the batch alone, with its own error and its money untouched.
    /// </summary>
    [Theory]
    [MemberData(nameof(DatabasesAndNodes))]
    public async Task Buyers_short_of_balance_are_refused_alone_while_the_others_buying_the_same_sku_pay(string database, int nodes)
    {
        const int buyerCount = 60;
        const int units = 25;
        var app = await fixture.For(database);
        await using var second = nodes == 2 ? TestApp.SecondNodeOf(app) : null;
        var setup = await OrderScenario.StockedMerchantAsync(app, units);
        var scenario = new Scenario(app);
        // Every third buyer is one fen short; the other forty can pay, but only twenty-five units are there.
        var buyers = new Consumer[buyerCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, buyerCount), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => buyers[i] = await scenario.NewConsumerAsync(walletFen: i % 3 == 0 ? ShirtPriceFen - 1 : ShirtPriceFen));
        var clients = buyers.Select((buyer, i) => NodeOf(second, buyer, i)).ToList();

        var outcomes = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var response = await OrderScenario.CheckoutAsync(client, OrderScenario.Shipping(OrderScenario.Item(setup, 0, 1)) with { PayFromWallet = true });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                (await Task.FromResult(response).ShouldReturnAsync<CheckoutResult>(201)).Orders.Single().State.ShouldBe(nameof(OrderState.Paid));
                return "paid";
            }

            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            return problem.GetProperty("code").GetString()!;
        })));

        var shortOnes = Enumerable.Range(0, buyerCount).Where(i => i % 3 == 0).ToList();
        shortOnes.Any(i => outcomes[i] == "paid").ShouldBe(false, "one fen short never buys");
        outcomes.Count(o => o == "paid").ShouldBe(units, "every unit is sold to a buyer who can pay");
        outcomes.Where(o => o != "paid").All(o => o is "insufficient_balance" or "out_of_stock").ShouldBeTrue("the others are refused for their balance or the stock");
        var level = await InventoryScenario.LevelAsync(setup.Merchant.Owner, setup.Standby.Id, setup.Sku(0).Id);
        (level.OnHand, level.Reserved, level.Available).ShouldBe((units, units, 0));
        var balances = await app.WithDbAsync(db => db.Wallets.ToDictionaryAsync(w => w.UserId, w => w.BalanceFen));
        for (var i = 0; i < buyerCount; i++)
        {
            var funded = i % 3 == 0 ? ShirtPriceFen - 1 : ShirtPriceFen;
            balances[buyers[i].Id].ShouldBe(outcomes[i] == "paid" ? 0 : funded, $"buyer {i} ({outcomes[i]}) pays exactly what was bought");
        }

        if (database == TestDatabases.Postgres)
        {
            (app.Services.GetRequiredService<CheckoutBatches>().LargestBatch > 1).ShouldBeTrue("sixty buyers of one SKU at once commit in batches");
        }

        var buyerIds = buyers.Select(b => b.Id).ToList();
        var orders = await app.WithDbAsync(db => db.Orders.Where(o => buyerIds.Contains(o.ConsumerId)).Select(o => o.State).ToListAsync());
        // A refused checkout leaves no order behind.
        orders.ShouldBeEquivalentTo(Enumerable.Repeat(OrderState.Paid, units).ToList());
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(DatabasesAndNodes))]
    public async Task Two_hundred_buyers_for_twenty_units_place_and_pay_exactly_twenty_orders(string database, int nodes)
    {
        var app = await fixture.For(database);
        await using var second = nodes == 2 ? TestApp.SecondNodeOf(app) : null;
        var setup = await OrderScenario.StockedMerchantAsync(app, Units);
        var scenario = new Scenario(app);
        var buyers = new Consumer[Buyers];
        await Parallel.ForEachAsync(Enumerable.Range(0, Buyers), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => buyers[i] = await scenario.NewConsumerAsync(walletFen: ShirtPriceFen));

        // Half the buyers place and pay in one request, the other half pay after placing: both race for the same units.
        var clients = buyers.Select((buyer, i) => NodeOf(second, buyer, i)).ToList();
        var paid = await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var inOneRequest = i % 4 < 2;
            var placed = await OrderScenario.CheckoutAsync(client, OrderScenario.Shipping(OrderScenario.Item(setup, 0, 1)) with { PayFromWallet = inOneRequest });
            if (placed.StatusCode == HttpStatusCode.Conflict)
            {
                await Task.FromResult(placed).ShouldBeProblemAsync(409, "out_of_stock");
                return false;
            }

            var order = (await Task.FromResult(placed).ShouldReturnAsync<CheckoutResult>(201)).Orders.Single();
            if (inOneRequest)
            {
                order.State.ShouldBe(nameof(OrderState.Paid));
                return true;
            }

            var payment = await client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("wallet")).ShouldReturnAsync<PayResult>();
            payment.OrderState.ShouldBe(nameof(OrderState.Paid));
            return true;
        })));

        paid.Count(p => p).ShouldBe(Units, "exactly as many buyers as units get an order, and each of them pays");
        var orders = await app.WithDbAsync(db => db.Orders.Where(o => o.MerchantId == setup.Merchant.MerchantId).Select(o => o.State).ToListAsync());
        // A refused checkout leaves no order behind.
        orders.ShouldBeEquivalentTo(Enumerable.Repeat(OrderState.Paid, Units).ToList());
        var level = await InventoryScenario.LevelAsync(setup.Merchant.Owner, setup.Standby.Id, setup.Sku(0).Id);
        (level.OnHand, level.Reserved, level.Available).ShouldBe((Units, Units, 0), "paid orders hold the units until dispatch");
        var buyerIds = buyers.Select(b => b.Id).ToList();
        var walletsLeft = await app.WithDbAsync(db => db.Wallets.Where(w => buyerIds.Contains(w.UserId)).SumAsync(w => w.BalanceFen));
        walletsLeft.ShouldBe((Buyers - Units) * ShirtPriceFen, "the twenty who bought paid once each; nobody else paid");

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_payers_of_one_deal_are_counted_once_each_after_their_payments_commit(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var buyers = new Consumer[12];
        await Parallel.ForEachAsync(Enumerable.Range(0, buyers.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, _) => buyers[i] = await scenario.NewConsumerAsync());

        await Task.WhenAll(buyers.Select((buyer, i) => Task.Run(() => Scenario.BuyWithWalletAsync(buyer, merchant.DealId, 1 + i % 2))));
        // Several dispatchers at once (as on several nodes, next to the app's own background one) still count each sale once.
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => dispatcher.DispatchPendingAsync(CancellationToken.None))));
        await app.DeliverOutboxAsync();

        var sold = buyers.Length / 2 * 3;
        (await app.WithDbAsync(db => db.Deals.Where(d => d.Id == merchant.DealId).Select(d => d.SoldCount).SingleAsync())).ShouldBe(sold);
        var storeSales = await app.WithDbAsync(db => db.StoreSearchDocs.Where(d => d.StoreId == merchant.HonouringStoreId).Select(d => d.Sales).SingleAsync());
        storeSales.ShouldBe(sold, "the honouring store's search entry counts the same sales");
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>Every other buyer reaches the second node, if there is one, as behind a load balancer; the bearer token works on both.</summary>
    private static HttpClient NodeOf(TestApp? second, Consumer buyer, int index)
    {
        if (second is null || index % 2 == 0)
        {
            return buyer.Client;
        }

        var client = second.Anonymous();
        client.DefaultRequestHeaders.Authorization = buyer.Client.DefaultRequestHeaders.Authorization;
        return client;
    }
}
