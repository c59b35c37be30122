using System.Net.Http.Json;
using LocalLoop.AfterSales;
using LocalLoop.Ordering;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.AfterSales;

/// <summary>Another merchant's requests and orders, and another consumer's orders and requests, answer 404 and stay as they were.</summary>
public sealed class AfterSalesTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Other_merchants_and_other_consumers_get_404_and_change_nothing(string database)
    {
        var app = await fixture.For(database);
        var paid = await RefundScenario.PaidShippingOrderAsync(app, false, (0, 2));
        await OrderScenario.ProgressAsync(paid.Merchant, paid.Id, OrderState.Dispatched).ShouldReturnAsync<OrderView>();
        var request = await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Return, 1).ShouldReturnAsync<AfterSalesView>(201);
        var otherMerchant = (await RefundScenario.PaidShippingOrderAsync(app, false, (1, 1))).Merchant;
        var stranger = await new Scenario(app).NewConsumerAsync();

        foreach (var action in new[] { "approve", "reject", "received" })
        {
            await RefundScenario.MerchantActsAsync(otherMerchant, request.Id, action, "不是我的").ShouldBeProblemAsync(404);
        }

        (await otherMerchant.GetFromJsonAsync<List<AfterSalesView>>("/api/merchant/after-sales"))!.Count.ShouldBe(0);
        await RefundScenario.RefundAsync(otherMerchant, paid.Id, new LineRefundRequest(1, 100, null)).ShouldBeProblemAsync(404);
        await otherMerchant.PostAsJsonAsync($"/api/merchant/orders/{paid.Id}/cancel", new CancelRequest("不是我的")).ShouldBeProblemAsync(404);

        await RefundScenario.AskAsync(stranger, paid.Id, AfterSalesKind.Return, 1).ShouldBeProblemAsync(404);
        await (await stranger.Client.GetAsync($"/api/orders/{paid.Id}/after-sales")).ShouldHaveStatusAsync(404);
        await RefundScenario.ShipBackAsync(stranger, request.Id).ShouldBeProblemAsync(404);
        await stranger.Client.PostAsJsonAsync($"/api/after-sales/{request.Id}/dispute", new NoteInput("不是我的")).ShouldBeProblemAsync(404);
        await (await stranger.Client.GetAsync($"/orders/{paid.Id}/after-sales")).ShouldHaveStatusAsync(404);

        var after = await app.WithDbAsync(db => db.AfterSalesRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id));
        (after.State, after.MerchantNote).ShouldBe((AfterSalesState.Requested, (string?)null));
        (await RefundScenario.OrderAsync(paid.Consumer, paid.Id)).RefundedFen.ShouldBe(0);
        (await RefundScenario.MerchantActsAsync(paid.Merchant, request.Id, "approve").ShouldReturnAsync<AfterSalesView>()).State.ShouldBe("Approved");

        await app.AssertLedgerBalancedAsync();
        await app.AssertStockMatchesJournalAsync();
    }
}
