using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.AfterSales;
using LocalLoop.Ordering;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.AfterSales;

/// <summary>
/// Simultaneous returns and exchanges never ask for more units than a line has: of parallel requests for the last unit
/// one is accepted and the others are refused with a 409 in Chinese; a rejection frees its units, a dispute takes them
/// back only if nobody else did meanwhile, and a ruling for the merchant frees them for good (decision 0033).
/// </summary>
public sealed class AfterSalesRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Parallel_requests_for_the_last_unit_accept_exactly_one(string database)
    {
        var app = await fixture.For(database);
        var paid = await RefundScenario.PaidShippingOrderAsync(app, false, (0, 2));
        await OrderScenario.ProgressAsync(paid.Merchant, paid.Id, OrderState.Dispatched).ShouldReturnAsync<OrderView>();
        var first = await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Return, 1).ShouldReturnAsync<AfterSalesView>(201);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            RefundScenario.AskAsync(paid.Consumer, paid.Id, i % 2 == 0 ? AfterSalesKind.Return : AfterSalesKind.Exchange, 1)));
        answers.Count(a => a.StatusCode == System.Net.HttpStatusCode.Created).ShouldBe(1, "one unit was left");
        foreach (var refused in answers.Where(a => a.StatusCode != System.Net.HttpStatusCode.Created))
        {
            (await RefusalInChineseAsync(refused)).ShouldBe("该商品的其他退换货申请已占用这些件数，目前还能申请 0 件。");
        }

        var winner = await answers.Single(a => a.StatusCode == System.Net.HttpStatusCode.Created).Content.ReadFromJsonAsync<AfterSalesView>();
        await CountedMatchesOpenRequestsAsync(app, paid.Id, expected: 2);

        // A rejection frees the unit; a newer request takes it, so disputing the rejection is refused until that one is rejected too.
        await RefundScenario.MerchantActsAsync(paid.Merchant, winner!.Id, "reject", "已穿过").ShouldReturnAsync<AfterSalesView>();
        var newer = await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Exchange, 1).ShouldReturnAsync<AfterSalesView>(201);
        await Dispute(paid, winner.Id).ShouldBeProblemAsync(409, "after_sales_quantity_taken");
        await RefundScenario.MerchantActsAsync(paid.Merchant, newer.Id, "reject", "同上").ShouldReturnAsync<AfterSalesView>();
        await CountedMatchesOpenRequestsAsync(app, paid.Id, expected: 1);

        // The two rejections are disputed at once for the one free unit: one goes to the operator, the other is refused.
        var disputes = await Task.WhenAll(Dispute(paid, winner.Id), Dispute(paid, newer.Id));
        disputes.Count(d => d.IsSuccessStatusCode).ShouldBe(1);
        (await RefusalInChineseAsync(disputes.Single(d => !d.IsSuccessStatusCode))).ShouldBe("该商品的其他退换货申请已占用这些件数，目前还能申请 0 件。");
        var disputed = disputes[0].IsSuccessStatusCode ? winner.Id : newer.Id;
        await CountedMatchesOpenRequestsAsync(app, paid.Id, expected: 2);

        // The operator rules for the merchant: the unit is free again and the consumer may ask for it once more.
        var operatorClient = await app.SignInAsync(TestApp.ReviewerEmail);
        (await operatorClient.PostAsJsonAsync($"/api/admin/disputes/{disputed}/rule", new RulingInput(false, "证据不足")).ShouldReturnAsync<AfterSalesView>())
            .State.ShouldBe("Closed");
        await CountedMatchesOpenRequestsAsync(app, paid.Id, expected: 1);
        await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Return, 1).ShouldReturnAsync<AfterSalesView>(201);
        await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Return, 1).ShouldBeProblemAsync(409, "after_sales_quantity_taken");
        await CountedMatchesOpenRequestsAsync(app, paid.Id, expected: 2);

        // The first request goes all the way: exactly one unit comes back into stock for it.
        await RefundScenario.MerchantActsAsync(paid.Merchant, first.Id, "approve").ShouldReturnAsync<AfterSalesView>();
        await RefundScenario.ShipBackAsync(paid.Consumer, first.Id).ShouldReturnAsync<AfterSalesView>();
        (await RefundScenario.MerchantActsAsync(paid.Merchant, first.Id, "received").ShouldReturnAsync<AfterSalesView>()).RefundedFen.ShouldBe(9_900);
        await CountedMatchesOpenRequestsAsync(app, paid.Id, expected: 2);

        await app.AssertLedgerBalancedAsync();
        await app.AssertStockMatchesJournalAsync();
    }

    private static Task<HttpResponseMessage> Dispute(PaidOrder paid, Guid requestId) =>
        paid.Consumer.Client.PostAsJsonAsync($"/api/after-sales/{requestId}/dispute", new NoteInput("吊牌还在"));

    private static async Task<string> RefusalInChineseAsync(HttpResponseMessage refused)
    {
        await Task.FromResult(refused).ShouldBeProblemAsync(409, "after_sales_quantity_taken");
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detailZh").GetString()!;
    }

    /// <summary>The line's counter says how many units are asked for, and agrees with the requests that still count.</summary>
    private static async Task CountedMatchesOpenRequestsAsync(TestApp app, Guid orderId, int expected)
    {
        var (counted, open) = await app.WithDbAsync(async db => (
            await db.Set<OrderLine>().Where(l => l.OrderId == orderId && l.LineNumber == 1).Select(l => l.AfterSalesQuantity).SingleAsync(),
            await db.AfterSalesRequests.Where(r => r.OrderId == orderId && AfterSalesStateMachine.Open.Contains(r.State)).SumAsync(r => r.Quantity)));
        (counted, open).ShouldBe((expected, expected));
    }
}
