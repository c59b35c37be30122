using System.Globalization;
using System.Net.Http.Json;
using LocalLoop.Discovery;
using LocalLoop.Merchants;
using LocalLoop.Reviews;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Search;

/// <summary>Nearby search end to end: category tree, open now, each sort order, paging, distances and freshness of the index.</summary>
public sealed class SearchClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_top_level_category_includes_its_children_and_a_child_only_itself(string database)
    {
        var app = await fixture.For(database);
        var world = new SearchWorld(app);
        var hotpot = await world.ShopAsync("川味火锅", "food", "一号店", "双人餐");
        await world.ProductAsync(hotpot.MerchantId, "鸳鸯锅底", "food.hotpot");
        await world.ShopAsync("美甲小屋", "beauty", "二号店", "美甲套餐", northKm: 0.2);

        async Task<List<string>> In(string category) =>
            (await world.SearchAsync("category=" + category)).Items.Select(i => i.MerchantName).ToList();

        (await In("food")).ShouldBeEquivalentTo(["川味火锅"]);
        (await In("food.hotpot")).ShouldBeEquivalentTo(["川味火锅"]);
        (await In("food.bbq")).Count.ShouldBe(0);
        (await In("beauty")).ShouldBeEquivalentTo(["美甲小屋"]);
        (await world.SearchAsync("category=food&q=" + Uri.EscapeDataString("美甲"))).Total.ShouldBe(0, "category and keyword both apply");

        var admin = await app.SignInAsync(TestApp.AdminEmail);
        (await admin.PutAsJsonAsync("/api/admin/categories/food.hotpot", new { nameZh = "涮锅铺子", nameEn = "Hotpot" })).EnsureSuccessStatusCode();
        // A renamed category is found by its new name at once.
        (await world.SearchAsync("q=" + Uri.EscapeDataString("涮锅铺子"))).Items.Select(i => i.MerchantName).ShouldBeEquivalentTo(["川味火锅"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Open_now_follows_the_store_hours_and_the_clock(string database)
    {
        var app = await fixture.For(database);
        var world = new SearchWorld(app);
        var local = ConsumerFormat.Local(app.Clock.GetUtcNow());
        static string At(DateTimeOffset time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
        var open = await world.ShopAsync("早开面馆", "food", "开着的店", "牛肉面", opens: At(local.AddHours(-1)), closes: At(local.AddHours(2)));
        await world.ShopAsync("晚开酒吧", "food", "还没开的店", "啤酒套餐", northKm: 0.3, opens: At(local.AddHours(3)), closes: At(local.AddHours(6)));

        var all = await world.SearchAsync();
        all.Items.Single(i => i.StoreName == "开着的店").OpenNow.ShouldBeTrue();
        all.Items.Single(i => i.StoreName == "还没开的店").OpenNow.ShouldBe(false);
        (await world.SearchAsync("openNow=true")).Items.Select(i => i.StoreName).ShouldBeEquivalentTo(["开着的店"]);

        app.Clock.Advance(TimeSpan.FromHours(3.5));
        (await world.SearchAsync("openNow=true")).Items.Select(i => i.StoreName).ShouldBeEquivalentTo(["还没开的店"]);

        // Weekly hours and a closed day (the stores slice's tables) win over the single daily period.
        var today = DateOnly.FromDateTime(ConsumerFormat.Local(app.Clock.GetUtcNow()).DateTime);
        await app.WithDbAsync(async db =>
        {
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                db.StoreHours.Add(new StoreHours { Id = Guid.NewGuid(), StoreId = open.StoreId, MerchantId = open.MerchantId, Day = day, OpensAt = new TimeOnly(0, 0), ClosesAt = new TimeOnly(0, 0) });
            }

            return await db.SaveChangesAsync();
        });
        await world.RefreshAsync(open.MerchantId);
        (await world.SearchAsync("openNow=true")).Total.ShouldBe(2, "open round the clock now");
        await app.WithDbAsync(async db =>
        {
            db.StoreHoursExceptions.Add(new StoreHoursException { Id = Guid.NewGuid(), StoreId = open.StoreId, MerchantId = open.MerchantId, Date = today, Closed = true, Note = "盘点" });
            return await db.SaveChangesAsync();
        });
        await world.RefreshAsync(open.MerchantId);
        (await world.SearchAsync("openNow=true")).Items.Select(i => i.StoreName).ShouldBeEquivalentTo(["还没开的店"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_sort_order_pages_and_distances_and_the_index_follow_every_change(string database)
    {
        var app = await fixture.For(database);
        var world = new SearchWorld(app);
        var near = await world.ShopAsync("近的店", "food", "近店", "近店套餐", priceFen: 8_800);
        var middle = await world.ShopAsync("中间的店", "food", "中店", "中店套餐", priceFen: 5_000, northKm: 1);
        await world.ShopAsync("远的店", "food", "远店", "远店套餐", priceFen: 12_000, northKm: 2);

        async Task<List<string>> Sorted(string sort) => (await world.SearchAsync("sort=" + sort)).Items.Select(i => i.MerchantName).ToList();

        var byDistance = await world.SearchAsync();
        byDistance.Items.Select(i => i.MerchantName).ToList().ShouldBeEquivalentTo(["近的店", "中间的店", "远的店"]);
        byDistance.Items.Select(i => i.DistanceKm).ToList().ShouldBeEquivalentTo([0.0, 1.0, 2.0]);
        byDistance.Items[1].FromPriceFen.ShouldBe(5_000L);
        byDistance.Items[1].MatchingTitles.ShouldBeEquivalentTo(["中店套餐"]);
        (await Sorted("price")).ShouldBeEquivalentTo(["中间的店", "近的店", "远的店"]);
        (await world.SearchAsync(radiusKm: 1.5)).Total.ShouldBe(2);

        // A sale (counted once the payment committed, from the outbox) and a review move the middle store up.
        var consumer = await new Scenario(app).NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, middle.DealId, 1)).Single();
        await app.DeliverOutboxAsync();
        (await Sorted("sales")).ShouldBeEquivalentTo(["中间的店", "近的店", "远的店"]);
        var clerkEmail = $"k{Guid.NewGuid():N}@test.localloop";
        await (await middle.Owner.PostAsJsonAsync("/api/merchant/staff/clerks", new ClerkRequest(clerkEmail, "店员", TestApp.Password))).ShouldHaveStatusAsync(201);
        await (await Scenario.VerifyAsync(await app.SignInAsync(clerkEmail), middle.StoreId, voucher.Code)).ShouldHaveStatusAsync(200);
        await (await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(voucher.Id, 5, "好吃"))).ShouldHaveStatusAsync(201);
        (await Sorted("rating")).ShouldBeEquivalentTo(["中间的店", "近的店", "远的店"]);
        (await world.SearchAsync()).Items[1].AverageRating.ShouldBe(5.0);

        // Paging: totals stay, pages split.
        var first = await world.SearchAsync("pageSize=2");
        var second = await world.SearchAsync("pageSize=2&page=2");
        (first.Total, second.Total, first.Items.Count, second.Items.Count).ShouldBe((3, 3, 2, 1));
        second.Items.Single().MerchantName.ShouldBe("远的店");

        // A new store and a newly approved deal are found by the very next search.
        await world.AddStoreAsync(near.Owner, "新开分店", 0.5);
        (await world.SearchAsync()).Items.Select(i => i.StoreName).ShouldBeEquivalentTo(["近店", "新开分店", "中店", "远店"]);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var deal = await near.Owner.PostAsJsonAsync("/api/merchant/deals",
            new Deals.DealRequest("招牌酸菜鱼", "一条鱼", "food", 6_600, 9_900, 30, [near.StoreId], null)).ShouldReturnAsync<Deals.DealView>(201);
        (await world.MerchantsFoundAsync("酸菜鱼")).Count.ShouldBe(0, "not before approval");
        await (await reviewer.PostAsync($"/api/admin/deals/{deal.Id}/approve", null)).ShouldHaveStatusAsync(204);
        var found = (await world.SearchAsync("q=" + Uri.EscapeDataString("酸菜鱼"))).Items.Single();
        (found.StoreName, found.MatchingTitles.Single()).ShouldBe(("近店", "招牌酸菜鱼"));
        await app.AssertLedgerBalancedAsync();
    }
}
