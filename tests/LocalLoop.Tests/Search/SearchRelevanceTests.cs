using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Search;

/// <summary>Chinese keywords find stores by merchant, store, deal and product titles and category names, at any length.</summary>
public sealed class SearchRelevanceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_keyword_finds_the_stores_whose_names_contain_it_whatever_its_length(string database)
    {
        var app = await fixture.For(database);
        var world = new SearchWorld(app);
        await world.ShopAsync("重庆老火锅", "food", "解放碑店", "双人套餐");
        await world.ShopAsync("海底捞火锅", "food", "人民广场店", "四人欢聚餐", northKm: 0.5);
        await world.ShopAsync("火车站便利店", "daily", "北站店", "零食大礼包", northKm: 1);

        (await world.MerchantsFoundAsync("火锅")).ShouldBeEquivalentTo(["海底捞火锅", "重庆老火锅"]);
        (await world.MerchantsFoundAsync("锅")).ShouldBeEquivalentTo(["海底捞火锅", "重庆老火锅"]);
        (await world.MerchantsFoundAsync("老火锅")).ShouldBeEquivalentTo(["重庆老火锅"]);
        (await world.MerchantsFoundAsync("火车站便利")).ShouldBeEquivalentTo(["火车站便利店"]);
        (await world.MerchantsFoundAsync("火")).Count.ShouldBe(3, "one character matches anywhere in a name");
        (await world.MerchantsFoundAsync("广场")).ShouldBeEquivalentTo(["海底捞火锅"]);
        (await world.MerchantsFoundAsync("欢聚")).ShouldBeEquivalentTo(["海底捞火锅"]);
        (await world.MerchantsFoundAsync("麻辣烫")).Count.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Live_listed_products_and_category_names_are_found_and_the_matching_titles_are_shown(string database)
    {
        var app = await fixture.For(database);
        var world = new SearchWorld(app);
        var shop = await world.ShopAsync("小杨生煎", "food", "吴江路店", "双人午餐");
        await world.ProductAsync(shop.MerchantId, "鲜肉生煎包 4 只", "food.fastfood");
        await world.ProductAsync(shop.MerchantId, "蟹粉小笼包", "food.fastfood", listed: false);
        var gym = await world.ShopAsync("超级猩猩", "fitness", "静安店", "单次团课", northKm: 0.3);
        await world.ProductAsync(gym.MerchantId, "空中瑜伽体验课", "fitness.yoga");

        var found = (await world.SearchAsync("q=" + Uri.EscapeDataString("生煎包"))).Items;
        found.Count.ShouldBe(1);
        found[0].MerchantName.ShouldBe("小杨生煎");
        found[0].MatchingTitles.ShouldBeEquivalentTo(["鲜肉生煎包 4 只"]);
        (await world.MerchantsFoundAsync("小笼")).Count.ShouldBe(0, "a delisted product is not found");
        (await world.MerchantsFoundAsync("快餐小吃")).ShouldBeEquivalentTo(["小杨生煎"]);
        (await world.MerchantsFoundAsync("运动健身")).ShouldBeEquivalentTo(["超级猩猩"]);
        (await world.MerchantsFoundAsync("YOGA")).ShouldBeEquivalentTo(["超级猩猩"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_frozen_merchant_is_never_found_and_comes_back_when_unfrozen(string database)
    {
        var app = await fixture.For(database);
        var world = new SearchWorld(app);
        var frozen = await world.ShopAsync("冻结火锅", "food", "老店", "火锅套餐");
        await world.ShopAsync("正常火锅", "food", "新店", "火锅套餐", northKm: 0.2);

        await world.FreezeAsync(frozen.MerchantId);

        (await world.MerchantsFoundAsync("火锅")).ShouldBeEquivalentTo(["正常火锅"]);
        (await world.SearchAsync()).Items.Select(i => i.MerchantName).ShouldBeEquivalentTo(["正常火锅"]);
        // A store added later by the frozen merchant stays hidden too.
        await world.AddStoreAsync(frozen.Owner, "分店", 0.4);
        (await world.SearchAsync()).Total.ShouldBe(1);
    }
}
