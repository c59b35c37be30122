using System.Net.Http.Json;
using LocalLoop.Inventory;
using LocalLoop.Platform;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Inventory;

/// <summary>
/// Many orders reserving the last units at once, one reservation committed and released at once, and SKUs added to a
/// count sheet while it is approved: stock is never oversold or moved twice, and no counted line escapes the approval.
/// </summary>
public sealed class InventoryRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_hundred_parallel_reservations_for_twenty_units_let_exactly_twenty_through(string database)
    {
        var app = await fixture.For(database);
        var setup = await InventoryScenario.NewAsync(app);
        var m = setup.Merchant.MerchantId;
        var sku = setup.Sku(0);
        await InventoryScenario.ReceiveAsync(setup.Merchant.Owner, setup.Standby.Id, setup.Line(0, 20));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            try
            {
                await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, setup.Standby.Id, setup.Shirt.Id, sku.Id, 1, $"flash-{i}"));
                return 200;
            }
            catch (DomainException e)
            {
                return e.Status;
            }
        })));

        outcomes.Count(o => o == 200).ShouldBe(20);
        outcomes.Count(o => o == 409).ShouldBe(180);
        var level = await InventoryScenario.LevelAsync(setup.Merchant.Owner, setup.Standby.Id, sku.Id);
        (level.OnHand, level.Reserved, level.Available).ShouldBe((20, 20, 0));
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_commits_and_releases_of_one_reservation_happen_exactly_once(string database)
    {
        var app = await fixture.For(database);
        var setup = await InventoryScenario.NewAsync(app);
        var m = setup.Merchant.MerchantId;
        var sku = setup.Sku(0);
        await InventoryScenario.ReceiveAsync(setup.Merchant.Owner, setup.Standby.Id, setup.Line(0, 5));
        await InventoryScenario.ReservationsAsync(app, r => r.ReserveAsync(m, setup.Standby.Id, setup.Shirt.Id, sku.Id, 3, "order-race"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await InventoryScenario.ReservationsAsync(app, r => i % 2 == 0 ? r.CommitAsync(m, "order-race") : r.ReleaseAsync(m, "order-race"))).Status;
            }
            catch (DomainException e) when (e.Code == "reservation_closed")
            {
                return "refused";
            }
        })));

        var final = outcomes.First(o => o != "refused");
        outcomes.All(o => o == final || o == "refused").ShouldBeTrue($"one outcome only: {string.Join(", ", outcomes)}");
        var level = await InventoryScenario.LevelAsync(setup.Merchant.Owner, setup.Standby.Id, sku.Id);
        (level.OnHand, level.Reserved).ShouldBe(final == nameof(ReservationStatus.Committed) ? (2, 0) : (5, 0));
        var sales = await app.WithDbAsync(db => db.StockMovements.CountAsync(x => x.MerchantId == m && x.Kind == MovementKind.SalesOut));
        sales.ShouldBe(final == nameof(ReservationStatus.Committed) ? 1 : 0);
        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Skus_added_to_a_sheet_while_it_is_approved_are_either_booked_or_refused(string database)
    {
        var app = await fixture.For(database);
        var setup = await InventoryScenario.NewAsync(app);
        var owner = setup.Merchant.Owner;
        var standby = setup.Standby.Id;
        await InventoryScenario.ReceiveAsync(owner, standby, setup.Line(0, 5));
        var sheet = await owner.PostAsJsonAsync("/api/merchant/inventory/stocktakes", new StocktakeRequest(standby)).ShouldReturnAsync<StocktakeView>(201);
        var found = new[] { (Sku: setup.Sku(1).Id, Counted: 2), (Sku: setup.Sku(2).Id, Counted: 3) };

        var adds = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            var (sku, counted) = found[i % 2];
            var response = await owner.PostAsJsonAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/lines", new StocktakeLineRequest(setup.Shirt.Id, sku, counted));
            var body = await response.Content.ReadAsStringAsync();
            return (Sku: sku, Status: (int)response.StatusCode, Body: body);
        })).ToList();
        var approval = Task.Run(() => owner.PostAsync($"/api/merchant/inventory/stocktakes/{sheet.Id}/approve", null).ShouldReturnAsync<StocktakeView>());
        var outcomes = await Task.WhenAll(adds);
        await approval;

        outcomes.All(o => o.Status == 201 || (o.Status == 409 && (o.Body.Contains("already_on_sheet", StringComparison.Ordinal) || o.Body.Contains("stocktake_approved", StringComparison.Ordinal))))
            .ShouldBeTrue($"added or refused clearly: {string.Join(" | ", outcomes.Select(o => $"{o.Status} {o.Body}"))}");
        var final = (await owner.GetFromJsonAsync<StocktakeView>($"/api/merchant/inventory/stocktakes/{sheet.Id}"))!;
        final.Status.ShouldBe(nameof(StocktakeStatus.Approved));
        var adjustments = await app.WithDbAsync(db => db.StockMovements.Where(x => x.Reference == Stocktaking.Reference(sheet.Id)).ToListAsync());
        foreach (var (sku, counted) in found)
        {
            var added = outcomes.Count(o => o.Sku == sku && o.Status == 201);
            added.ShouldBe(final.Lines.Count(l => l.SkuId == sku), "a SKU is added once, and only while the sheet is open");
            adjustments.Where(x => x.SkuId == sku).Sum(x => x.Quantity).ShouldBe(added * counted, "every line on the approved sheet is booked");
        }

        await app.AssertStockMatchesJournalAsync();
        await app.AssertLedgerBalancedAsync();
    }
}
