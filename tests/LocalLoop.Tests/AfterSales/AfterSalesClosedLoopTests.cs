using System.Net.Http.Json;
using LocalLoop.AfterSales;
using LocalLoop.Inventory;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Inventory;
using LocalLoop.Tests.Orders;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.AfterSales;

/// <summary>
/// After-sales closes its loops: a paid order cancelled before it ships gives back money and stock together; a return
/// goes request → approval → tracking → receipt, and only then are the goods back in stock and the money back (less the
/// commission the platform no longer keeps); an exchange ships a replacement; a rejection disputed before an operator
/// can still end in a refund.
/// </summary>
public sealed class AfterSalesClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_paid_order_cancelled_before_it_ships_gives_back_the_money_and_the_stock(string database)
    {
        var app = await fixture.For(database);
        var byMerchant = await RefundScenario.PaidShippingOrderAsync(app, false, (0, 2));
        await RefundScenario.RefundAsync(byMerchant.Merchant, byMerchant.Id, new LineRefundRequest(1, 1_000, null)).ShouldReturnAsync<OrderRefundResult>();

        await byMerchant.Setup.Merchant.Clerk.PostAsJsonAsync($"/api/merchant/orders/{byMerchant.Id}/cancel", new CancelRequest(" ")).ShouldBeProblemAsync(400, "validation_failed");
        var cancelled = await byMerchant.Setup.Merchant.Clerk.PostAsJsonAsync($"/api/merchant/orders/{byMerchant.Id}/cancel", new CancelRequest("缺货"))
            .ShouldReturnAsync<OrderRefundResult>();
        cancelled.AmountFen.ShouldBe(19_800 - 1_000, "what the partial refund left");
        var order = await RefundScenario.OrderAsync(byMerchant.Consumer, byMerchant.Id);
        (order.State, order.RefundedFen).ShouldBe(("Cancelled", 19_800L));
        (await app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == byMerchant.Consumer.Id).Select(w => w.BalanceFen).SingleAsync())).ShouldBe(100_000);
        var level = await InventoryScenario.LevelAsync(byMerchant.Merchant, byMerchant.Setup.Standby.Id, byMerchant.Setup.Sku(0).Id);
        (level.OnHand, level.Reserved, level.Available).ShouldBe((10, 0, 10), "the held units are free again");
        await byMerchant.Merchant.PostAsJsonAsync($"/api/merchant/orders/{byMerchant.Id}/cancel", new CancelRequest("again")).ShouldBeProblemAsync(409);

        // The consumer may cancel a paid order the merchant has not taken on; once it ships, only after-sales remains.
        var byConsumer = await RefundScenario.PaidShippingOrderAsync(app, false, (1, 1));
        await (await byConsumer.Consumer.Client.PostAsync($"/api/orders/{byConsumer.Id}/cancel", null)).ShouldHaveStatusAsync(204);
        (await RefundScenario.OrderAsync(byConsumer.Consumer, byConsumer.Id)).State.ShouldBe("Cancelled");
        (await app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == byConsumer.Consumer.Id).Select(w => w.BalanceFen).SingleAsync())).ShouldBe(100_000);
        var shipped = await RefundScenario.PaidShippingOrderAsync(app, false, (1, 1));
        await OrderScenario.ProgressAsync(shipped.Merchant, shipped.Id, OrderState.Dispatched).ShouldReturnAsync<OrderView>();
        await shipped.Consumer.Client.PostAsync($"/api/orders/{shipped.Id}/cancel", null).ShouldBeProblemAsync(409);
        await shipped.Merchant.PostAsJsonAsync($"/api/merchant/orders/{shipped.Id}/cancel", new CancelRequest("太晚了")).ShouldBeProblemAsync(409, "order_not_cancellable");

        await app.AssertLedgerBalancedAsync();
        await app.AssertStockMatchesJournalAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_return_is_refunded_when_the_goods_arrive_back_and_an_exchange_ships_a_replacement(string database)
    {
        var app = await fixture.For(database);
        var paid = await RefundScenario.PaidShippingOrderAsync(app, false, (0, 3));
        await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Return, 1).ShouldBeProblemAsync(409, "not_after_sales_eligible");
        await RefundScenario.DeliveredAsync(paid);
        var merchantId = paid.Setup.Merchant.MerchantId;
        var (pendingBefore, revenueBefore) = (await app.AccountBalanceAsync(Accounts.MerchantPending(merchantId)), await app.AccountBalanceAsync(Accounts.PlatformRevenue));

        var request = await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Return, 1).ShouldReturnAsync<AfterSalesView>(201);
        (request.State, request.Title, request.Quantity).ShouldBe(("Requested", "纯棉圆领T恤", 1));
        await RefundScenario.ShipBackAsync(paid.Consumer, request.Id).ShouldBeProblemAsync(409, "invalid_after_sales_state");
        (await RefundScenario.MerchantActsAsync(paid.Merchant, request.Id, "approve").ShouldReturnAsync<AfterSalesView>()).State.ShouldBe("Approved");
        await RefundScenario.MerchantActsAsync(paid.Merchant, request.Id, "received").ShouldBeProblemAsync(409, "invalid_after_sales_state");
        (await RefundScenario.ShipBackAsync(paid.Consumer, request.Id).ShouldReturnAsync<AfterSalesView>()).ReturnTrackingNumber.ShouldBe("SF1234567890");
        (await app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == paid.Consumer.Id).Select(w => w.BalanceFen).SingleAsync())).ShouldBe(100_000 - 29_700,
            "no money moves before the goods are back");

        var done = await RefundScenario.MerchantActsAsync(paid.Merchant, request.Id, "received").ShouldReturnAsync<AfterSalesView>();
        (done.State, done.RefundedFen).ShouldBe(("Completed", 9_900L));
        (await app.WithDbAsync(db => db.Wallets.Where(w => w.UserId == paid.Consumer.Id).Select(w => w.BalanceFen).SingleAsync())).ShouldBe(100_000 - 19_800);
        // 5 % commission was kept on ¥297; now it is kept on ¥198 only: the platform gives back ¥4.95, the merchant ¥94.05.
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchantId)) - pendingBefore).ShouldBe(-9_405);
        (await app.AccountBalanceAsync(Accounts.PlatformRevenue) - revenueBefore).ShouldBe(-495);
        (await InventoryScenario.LevelAsync(paid.Merchant, paid.Setup.Standby.Id, paid.Setup.Sku(0).Id)).OnHand.ShouldBe(8, "7 after shipping 3, one came back");

        // An exchange: the unit comes back and a replacement leaves; no money moves. Only one unit is left to ask about.
        await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Exchange, 3).ShouldBeProblemAsync(409, "after_sales_quantity_taken");
        await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Exchange, 4).ShouldBeProblemAsync(400, "validation_failed");
        var exchange = await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Exchange, 1).ShouldReturnAsync<AfterSalesView>(201);
        await RefundScenario.MerchantActsAsync(paid.Merchant, exchange.Id, "approve").ShouldReturnAsync<AfterSalesView>();
        await RefundScenario.ShipBackAsync(paid.Consumer, exchange.Id).ShouldReturnAsync<AfterSalesView>();
        (await RefundScenario.MerchantActsAsync(paid.Merchant, exchange.Id, "received").ShouldReturnAsync<AfterSalesView>()).RefundedFen.ShouldBe(0);
        (await InventoryScenario.LevelAsync(paid.Merchant, paid.Setup.Standby.Id, paid.Setup.Sku(0).Id)).OnHand.ShouldBe(8);
        var kinds = await app.WithDbAsync(db => db.StockMovements.Where(m => m.Reference == $"aftersales:{exchange.Id:N}").OrderBy(m => m.Id).Select(m => m.Kind).ToListAsync());
        kinds.ShouldBeEquivalentTo([MovementKind.CustomerReturn, MovementKind.SalesOut]);
        (await RefundScenario.OrderAsync(paid.Consumer, paid.Id)).RefundedFen.ShouldBe(9_900);

        var mine = await paid.Consumer.Client.GetFromJsonAsync<List<AfterSalesView>>($"/api/orders/{paid.Id}/after-sales");
        mine!.Select(r => r.State).ShouldBeEquivalentTo(["Completed", "Completed"]);

        await app.AssertLedgerBalancedAsync();
        await app.AssertStockMatchesJournalAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_rejected_return_disputed_before_the_operator_can_still_be_refunded(string database)
    {
        var app = await fixture.For(database);
        var paid = await RefundScenario.PaidShippingOrderAsync(app, false, (0, 2));
        await OrderScenario.ProgressAsync(paid.Merchant, paid.Id, OrderState.Dispatched).ShouldReturnAsync<OrderView>();
        var first = await RefundScenario.AskAsync(paid.Consumer, paid.Id, AfterSalesKind.Return, 1).ShouldReturnAsync<AfterSalesView>(201);
        // The second request goes through the pages: the consumer's form, the merchant's desk, the operator's disputes.
        await PageForms.PostAsync(paid.Consumer.Client, $"/orders/{paid.Id}/after-sales", "", new()
        {
            ["Input.LineNumber"] = "1", ["Input.Kind"] = "Return", ["Input.Quantity"] = "1", ["Input.Reason"] = "颜色不对",
        });
        var second = (await paid.Consumer.Client.GetFromJsonAsync<List<AfterSalesView>>($"/api/orders/{paid.Id}/after-sales"))!.Single(r => r.Id != first.Id);
        second.Reason.ShouldBe("颜色不对");

        await RefundScenario.MerchantActsAsync(paid.Merchant, first.Id, "reject").ShouldBeProblemAsync(400, "validation_failed");
        (await RefundScenario.MerchantActsAsync(paid.Merchant, first.Id, "reject", "已穿过，不支持退货").ShouldReturnAsync<AfterSalesView>()).MerchantNote.ShouldBe("已穿过，不支持退货");
        (await paid.Merchant.GetStringAsync("/merchant/after-sales")).Contains("颜色不对").ShouldBeTrue("the merchant's desk lists the open request");
        await PageForms.PostAsync(paid.Merchant, "/merchant/after-sales", "Reject", new() { ["requestId"] = second.Id.ToString(), ["note"] = "同上" });
        foreach (var request in new[] { first, second })
        {
            (await paid.Consumer.Client.PostAsJsonAsync($"/api/after-sales/{request.Id}/dispute", new NoteInput("吊牌还在，没穿过")).ShouldReturnAsync<AfterSalesView>())
                .State.ShouldBe("Disputed");
        }

        var operatorClient = await app.SignInAsync(TestApp.ReviewerEmail);
        var disputes = await operatorClient.GetFromJsonAsync<List<AfterSalesView>>("/api/admin/disputes");
        disputes!.Select(d => d.Id).Contains(first.Id).ShouldBeTrue();
        await (await paid.Consumer.Client.GetAsync("/api/admin/disputes")).ShouldHaveStatusAsync(403);
        (await operatorClient.PostAsJsonAsync($"/api/admin/disputes/{first.Id}/rule", new RulingInput(true, "商品完好，支持退货")).ShouldReturnAsync<AfterSalesView>())
            .State.ShouldBe("Approved");
        (await operatorClient.GetStringAsync("/admin/disputes")).Contains("吊牌还在，没穿过").ShouldBeTrue("the operator's page shows the dispute");
        await PageForms.PostAsync(operatorClient, "/admin/disputes", "", new() { ["requestId"] = second.Id.ToString(), ["forConsumer"] = "false", ["note"] = "证据不足" });
        await operatorClient.PostAsJsonAsync($"/api/admin/disputes/{second.Id}/rule", new RulingInput(true, "改判")).ShouldBeProblemAsync(409, "not_disputed");

        var states = (await paid.Consumer.Client.GetFromJsonAsync<List<AfterSalesView>>($"/api/orders/{paid.Id}/after-sales"))!.ToDictionary(r => r.Id, r => r.State);
        (states[first.Id], states[second.Id]).ShouldBe(("Approved", "Closed"));
        (await paid.Consumer.Client.GetStringAsync($"/orders/{paid.Id}/after-sales")).Contains("已关闭").ShouldBeTrue("the consumer's page shows the ruling");
        await RefundScenario.ShipBackAsync(paid.Consumer, first.Id).ShouldReturnAsync<AfterSalesView>();
        (await RefundScenario.MerchantActsAsync(paid.Merchant, first.Id, "received").ShouldReturnAsync<AfterSalesView>()).RefundedFen.ShouldBe(9_900);
        (await RefundScenario.OrderAsync(paid.Consumer, paid.Id)).RefundedFen.ShouldBe(9_900);

        // The order completes afterwards: the merchant is paid for the unit kept, commission on that unit only.
        var pendingBefore = await app.AccountBalanceAsync(Accounts.MerchantPending(paid.Setup.Merchant.MerchantId));
        await paid.Consumer.Client.PostAsync($"/api/orders/{paid.Id}/confirm-receipt", null).ShouldReturnAsync<OrderView>();
        (await app.AccountBalanceAsync(Accounts.MerchantPending(paid.Setup.Merchant.MerchantId)) - pendingBefore).ShouldBe(9_900 - 495);

        await app.AssertLedgerBalancedAsync();
        await app.AssertStockMatchesJournalAsync();
    }
}
