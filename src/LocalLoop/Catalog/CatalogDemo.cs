using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

/// <summary>
/// A realistic catalog for the demo merchants, written through the same use cases merchants and reviewers use: the
/// hotpot restaurant's takeout dishes with spiciness, the tailor's shirts in size × colour, the gym's bookable classes,
/// the laundry's home pick-up; some brands; and one edit waiting in the review queue.
/// </summary>
public static class CatalogDemo
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var merchants = await services.GetRequiredService<AppDbContext>().Merchants.AsNoTracking().ToDictionaryAsync(m => m.Name, m => m.Id);
        var brands = services.GetRequiredService<BrandAdmin>();

        var bashu = await brands.AddAsync(new BrandRequest("巴蜀红", "Bashu Red"));
        var chen = await brands.AddAsync(new BrandRequest("陈氏定制", "Chen Tailoring"));
        await brands.AddAsync(new BrandRequest("铁馆", "Iron Gym"));
        await brands.AddAsync(new BrandRequest("洁衣坊", "CleanWear"));

        async Task<Guid> LiveAsync(string merchant, ProductRequest request, bool listed = true)
        {
            // A scope per product, as a request would have: the use cases change rows with conditional updates that a long-lived context would not see.
            using var scope = services.CreateScope();
            var editing = scope.ServiceProvider.GetRequiredService<ProductEditing>();
            var review = scope.ServiceProvider.GetRequiredService<ProductReview>();
            var listing = scope.ServiceProvider.GetRequiredService<ProductListing>();
            var merchantId = merchants[merchant];
            var product = await editing.CreateAsync(merchantId, request);
            await editing.SubmitAsync(merchantId, product.Id);
            await review.ApproveAsync(product.WorkingRevisionId!.Value);
            if (listed)
            {
                await listing.SetListedAsync(merchantId, product.Id, listed: true);
            }

            return product.Id;
        }

        List<OptionGroup> spiciness = [new("辣度", [new("微辣", 0), new("中辣", 0), new("特辣", 0)])];
        var dishes = new (string Title, string Code, long PriceFen, bool Spicy)[]
        {
            ("毛血旺", "HG-001", 6_800, true), ("麻辣牛油锅底", "HG-002", 4_800, true), ("鲜切嫩牛肉", "HG-003", 5_800, false),
            ("千层毛肚", "HG-004", 4_200, false), ("红糖糍粑", "HG-005", 1_800, false),
        };
        var firstDish = Guid.Empty;
        foreach (var (title, code, price, spicy) in dishes)
        {
            var id = await LiveAsync("重庆老火锅", new ProductRequest(nameof(ProductKind.TakeoutDish), title, "food.hotpot", spicy ? bashu.Id : null, "外卖 · 30 分钟送达 / delivered in 30 min",
                new KindFields { PackagingFeeFen = 200, Options = spicy ? spiciness : [] }, [], [new SkuRequest([], code, null, price, price * 4 / 10)]));
            firstDish = firstDish == Guid.Empty ? id : firstDish;
        }

        await LiveAsync("重庆老火锅", new ProductRequest(nameof(ProductKind.GroupBuy), "双人麻辣火锅套餐（店内）", "food.hotpot", bashu.Id, "周一至周日可用 / every day",
            new KindFields { Contents = "鸳鸯锅底 + 鲜切牛肉 + 毛肚 + 蔬菜拼盘 + 2 份米饭", Uses = 1 }, [], [new SkuRequest([], "HG-T01", null, 16_800, 7_000)]));

        // The owner raised the price of 毛血旺 and renamed it: the reviewer sees the change while consumers keep the old one.
        var edit = new ProductRequest(nameof(ProductKind.TakeoutDish), "招牌毛血旺（大份）", "food.hotpot", bashu.Id, "外卖 · 30 分钟送达 / delivered in 30 min",
            new KindFields { PackagingFeeFen = 300, Options = spiciness }, [], [new SkuRequest([], "HG-001", null, 7_800, 3_100)]);
        using (var scope = services.CreateScope())
        {
            var editing = scope.ServiceProvider.GetRequiredService<ProductEditing>();
            await editing.UpdateAsync(merchants["重庆老火锅"], firstDish, edit);
            await editing.SubmitAsync(merchants["重庆老火锅"], firstDish);
        }

        string[] sizes = ["S", "M", "L", "XL"];
        string[] colours = ["白", "浅蓝", "藏青"];
        var shirtSkus = sizes.SelectMany((size, s) => colours.Select((colour, c) =>
            new SkuRequest([size, colour], $"CS-OX-{size}-{c + 1}", null, 29_900 + s * 1_000, 11_000))).ToList();
        await LiveAsync("Tailor Chen 陈师傅裁缝", new ProductRequest(nameof(ProductKind.Goods), "牛津纺免烫衬衫", "apparel.men", chen.Id, "100% 棉，门店可免费改袖长 / free sleeve alterations",
            new KindFields { WeightGrams = 320, ShipsFromStore = true },
            [new SpecDimension("尺码", [.. sizes]), new SpecDimension("颜色", [.. colours])], shirtSkus));
        await LiveAsync("Tailor Chen 陈师傅裁缝", new ProductRequest(nameof(ProductKind.Goods), "真丝领带", "apparel.men", chen.Id, null,
            new KindFields { WeightGrams = 80, ShipsFromStore = false },
            [new SpecDimension("颜色", ["酒红", "深蓝", "银灰"])],
            [new SkuRequest(["酒红"], "CS-TIE-1", "6901234567892", 19_900, 6_000), new SkuRequest(["深蓝"], "CS-TIE-2", null, 19_900, 6_000), new SkuRequest(["银灰"], "CS-TIE-3", null, 19_900, 6_000)]));

        await LiveAsync("Iron Gym 铁馆健身", new ProductRequest(nameof(ProductKind.BookableService), "一对一私教课", "fitness.gym", null, "含体测与训练计划 / body check and plan included",
            new KindFields { DurationMinutes = 60, CapacityPerSlot = 1 },
            [new SpecDimension("教练级别", ["初级", "高级"])],
            [new SkuRequest(["初级"], "IG-PT-1", null, 28_000, 0), new SkuRequest(["高级"], "IG-PT-2", null, 42_000, 0)]));
        await LiveAsync("Iron Gym 铁馆健身", new ProductRequest(nameof(ProductKind.BookableService), "燃脂单车团课", "fitness.gym", null, null,
            new KindFields { DurationMinutes = 45, CapacityPerSlot = 20 }, [], [new SkuRequest([], "IG-SP-1", null, 6_900, 0)]));

        await LiveAsync("优衣洗衣坊", new ProductRequest(nameof(ProductKind.HomeService), "上门取送干洗", "daily.household", null, "2 小时内上门取件 / pick-up within 2 hours",
            new KindFields { DurationMinutes = 30, VisitFeeFen = 1_000 },
            [new SpecDimension("件数", ["3 件", "5 件"])],
            [new SkuRequest(["3 件"], "YY-HOME-3", null, 8_900, 3_000), new SkuRequest(["5 件"], "YY-HOME-5", null, 13_900, 5_000)]));
    }
}
