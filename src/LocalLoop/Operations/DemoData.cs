using LocalLoop.Deals;
using LocalLoop.Ledger;
using LocalLoop.Merchants;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Operations;

/// <summary>
/// A small believable city for `dotnet run`: 20 merchants over the ten categories, 40 stores around central
/// Shanghai, 80 approved deals, and a demo account for every role. Runs once; a database that has it is left alone.
/// </summary>
public static partial class DemoData
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d+)元")]
    private static partial System.Text.RegularExpressions.Regex CashVoucher();

    /// <summary>A card (次卡) is named by its uses: "10次健身卡" holds 10.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d+)次")]
    private static partial System.Text.RegularExpressions.Regex Card();

    public const string Password = "Demo123!";
    public const string ConsumerEmail = "consumer@demo.localloop";
    public const string OwnerEmail = "owner@demo.localloop";
    public const string ClerkEmail = "clerk@demo.localloop";
    public const string ReviewerEmail = "reviewer@demo.localloop";
    public const string AdminEmail = "admin@demo.localloop";
    public const string CourierEmail = "courier@demo.localloop";
    public const long ConsumerWalletFen = 100_000;

    private static readonly (string Category, string Name, string[] Deals)[] Merchants =
    [
        ("food", "重庆老火锅", ["双人麻辣火锅套餐", "四人鸳鸯锅套餐", "毛肚拼盘代金券", "100元代金券"]),
        ("food", "Lanzhou Noodle House 兰州拉面", ["Beef noodle for two 牛肉面双人餐", "Lunch set 午市套餐", "50元代金券", "Family set 家庭套餐"]),
        ("apparel", "Tailor Chen 陈师傅裁缝", ["西装改衣服务", "裤脚修改两条", "衬衫定制", "羊毛衫护理"]),
        ("apparel", "优衣洗衣坊", ["干洗三件套", "5次洗车卡", "皮鞋护理", "窗帘清洗"]),
        ("lodging", "外滩精品酒店", ["豪华大床房一晚", "双床房一晚", "下午茶双人套餐", "钟点房4小时"]),
        ("lodging", "Jing'an Hostel 静安青旅", ["Dorm bed one night 床位一晚", "Private room 单间一晚", "Breakfast 早餐券", "Laundry 洗衣券"]),
        ("daily", "社区便利店", ["30元购物券", "鲜奶月卡", "水果拼盘", "早餐组合"]),
        ("daily", "花艺工作室", ["一束鲜花", "绿植盆栽", "花艺体验课", "节日花礼"]),
        ("travel", "城市自行车租赁", ["单车半日租", "单车全日租", "双人车一小时", "骑行导览"]),
        ("travel", "黄浦江游船", ["夜游船票", "日游船票", "亲子套票", "VIP观景位"]),
        ("entertainment", "Melody KTV 麦乐迪", ["小包3小时欢唱", "中包欢唱套餐", "大包派对套餐", "午夜场"]),
        ("entertainment", "星光影城", ["2D电影票", "3D电影票", "IMAX电影票", "爆米花套餐"]),
        ("education", "English Corner 英语角", ["Trial class 体验课", "10次口语课", "少儿英语月卡", "雅思模考"]),
        ("education", "墨香书法学堂", ["书法体验课", "国画入门课", "少儿书法月卡", "周末工作坊"]),
        ("medical", "仁心口腔诊所", ["洗牙套餐", "口腔检查", "牙齿美白", "儿童涂氟"]),
        ("medical", "明目视光中心", ["验光配镜", "隐形眼镜验配", "儿童视力检查", "镜片升级"]),
        ("fitness", "Iron Gym 铁馆健身", ["单次体验", "私教体验课", "10次健身卡", "瑜伽团课"]),
        ("fitness", "游泳馆", ["单次游泳", "10次游泳卡", "儿童游泳课", "夏季月卡"]),
        ("beauty", "Salon Lumière 光影美发", ["洗剪吹", "染发套餐", "烫发套餐", "头皮护理"]),
        ("beauty", "指尖美甲", ["纯色美甲", "日式美甲", "手部护理", "美睫"]),
    ];

    private static readonly string[] Streets = ["南京东路", "南京西路", "淮海中路", "西藏中路", "福州路", "延安东路", "人民大道", "九江路", "汉口路", "黄陂北路"];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<AppDbContext>();
        var ledger = services.GetRequiredService<LedgerPostings>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (await users.FindByEmailAsync(OwnerEmail) is not null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var random = new Random(20261121);
        await CreateUserAsync(users, AdminEmail, "Platform Admin 平台管理员", Roles.Admin, null);
        await CreateUserAsync(users, ReviewerEmail, "Reviewer 审核员", Roles.Reviewer, null);
        await CreateUserAsync(users, CourierEmail, "Courier Zhao 赵骑手", Roles.Courier, null, phone: "13900139000");
        AppUser? regular = null;
        foreach (var (email, name, phone) in new[] { (ConsumerEmail, "Li Lei 李雷", "13800138000"), ("consumer2@demo.localloop", "Han Meimei 韩梅梅", "13800138001") })
        {
            var consumer = await CreateUserAsync(users, email, name, Roles.Consumer, null, phone);
            regular = consumer;
            db.Wallets.Add(new Wallet { UserId = consumer.Id, BalanceFen = ConsumerWalletFen });
            ledger.Post("demo-topup", consumer.Id, (Accounts.DemoFunding, new Money(-ConsumerWalletFen)), (Accounts.ConsumerWallet(consumer.Id), new Money(ConsumerWalletFen)));
        }

        var firstMerchantId = Guid.Empty;
        var clerkId = Guid.Empty;
        for (var m = 0; m < Merchants.Length; m++)
        {
            var (category, merchantName, dealTitles) = Merchants[m];
            var merchantId = Guid.CreateVersion7();
            var owner = await CreateUserAsync(users, m == 0 ? OwnerEmail : $"owner{m + 1}@demo.localloop", $"{merchantName} 店主", Roles.MerchantOwner, merchantId);
            db.Merchants.Add(new Merchant { Id = merchantId, Name = merchantName, Category = category, OwnerUserId = owner.Id, CommissionRateBasisPoints = 500, CreatedAt = now });
            db.MerchantApplications.Add(new MerchantApplication
            {
                Id = Guid.CreateVersion7(), ApplicantUserId = owner.Id, BusinessName = merchantName, LicenseNumber = $"91310000MA{100000 + m}X",
                ContactName = owner.DisplayName, ContactPhone = $"021-6{m:D3}8888", Category = category, Status = ApplicationStatus.Approved,
                SubmittedAt = now.AddDays(-30), ReviewedAt = now.AddDays(-29), MerchantId = merchantId,
            });
            if (m == 0)
            {
                firstMerchantId = merchantId;
                clerkId = (await CreateUserAsync(users, ClerkEmail, "Clerk Wang 王店员", Roles.Clerk, merchantId)).Id;
            }

            var storeIds = new List<Guid>();
            for (var s = 0; s < 2; s++)
            {
                var store = new Store
                {
                    Id = Guid.CreateVersion7(), MerchantId = merchantId, Name = $"{merchantName}（{(s == 0 ? "人民广场店" : "分店" + (m + 1))}）", City = "上海",
                    Address = $"上海市黄浦区{Streets[random.Next(Streets.Length)]}{random.Next(1, 999)}号",
                    // Spread over roughly 3 km around People's Square, so every category has something within walking or a short ride.
                    Latitude = Math.Round(31.2304 + (random.NextDouble() - 0.5) * 0.06, 6),
                    Longitude = Math.Round(121.4737 + (random.NextDouble() - 0.5) * 0.07, 6),
                    Phone = $"021-5{m:D2}{s}6666", CreatedAt = now,
                };
                db.Stores.Add(store);
                storeIds.Add(store.Id);
            }

            for (var d = 0; d < dealTitles.Length; d++)
            {
                var price = (long)random.Next(19, 499) * 100 + (d % 2 == 0 ? 0 : 90);
                var original = price * 13 / 10 / 100 * 100;
                // A cash voucher ("100元代金券") sells below its face value, which is its original price.
                if (CashVoucher().Match(dealTitles[d]) is { Success: true } face)
                {
                    original = long.Parse(face.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 100;
                    price = original * 88 / 100;
                }

                var uses = Card().Match(dealTitles[d]) is { Success: true } card ? int.Parse(card.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;

                // Most deals are 随时退 · 过期自动退; a few are 过期自动退 only or 不可退, so the demo shows all three policies.
                var policy = ((m + d) % 7) switch { 3 => RefundPolicy.ExpiryOnly, 5 => RefundPolicy.None, _ => RefundPolicy.AnyTime };
                // Real-world rules on some deals: weekday lunch specials, late-night hours, booking ahead; the rest unrestricted.
                var rules = ((m + d) % 5) switch
                {
                    1 => new ValidityRules { WeekendsOff = true, HolidaysOff = true, UsableFrom = new TimeOnly(10, 0), UsableUntil = new TimeOnly(22, 0), PerVisitLimit = 2 },
                    2 => new ValidityRules { UsableFrom = new TimeOnly(17, 0), UsableUntil = new TimeOnly(2, 0), PerVisitLimit = 4 },
                    3 => new ValidityRules { HolidaysOff = true, BookingRequired = true, BookingNote = "请提前 1 天电话预约 / call one day ahead" },
                    _ => ValidityRules.None,
                };
                // The demo merchant's two voucher deals are short (7 days) and one is 不可退, so its two weeks of history
                // hold vouchers already refunded at expiry or lost: the breakage report has something to show.
                var shortLived = m == 0 && d >= 2;
                policy = m == 0 && d == 2 ? RefundPolicy.None : policy;
                db.Deals.Add(new Deal
                {
                    Id = Guid.CreateVersion7(), MerchantId = merchantId, Title = dealTitles[d], Category = category,
                    Contents = $"{dealTitles[d]} · 到店使用 / use in store · {policy.Name(chinese: true)} / {policy.Name(chinese: false)}",
                    PriceFen = price, OriginalPriceFen = original, ValidityDays = shortLived ? 7 : 30 + 30 * (d % 3), RefundPolicy = policy, Rules = rules, UsesPerVoucher = uses,
                    Status = DealStatus.Approved, SoldCount = random.Next(0, 900), CreatedAt = now.AddDays(-20),
                    Stores = (d == 3 ? storeIds.Take(1) : storeIds).Select(id => new DealStore { StoreId = id }).ToList(),
                });
            }
        }

        await db.SaveChangesAsync();
        await DemoHistory.SeedAsync(db, ledger, now, firstMerchantId, regular!.Id, regular.DisplayName, clerkId);
        await ExternalCodes.ExternalCodesDemo.SeedAsync(services, firstMerchantId, (await users.FindByEmailAsync(OwnerEmail))!.Id, now);
        await StoresDemo.SeedAsync(services, now);
        await OnboardingDemo.SeedAsync(services, firstMerchantId, (await users.FindByEmailAsync(OwnerEmail))!.Id, Password);
        await StaffRoles.StaffDemo.SeedAsync(services, firstMerchantId, (await users.FindByEmailAsync(OwnerEmail))!.Id, now);
        await Catalog.CatalogDemo.SeedAsync(services);
        await Inventory.InventoryDemo.SeedAsync(services, firstMerchantId);
        // The slices' seeding refreshes some merchants as it goes; one full build at the end sees all of it (hours, catalog, freezes).
        await services.GetRequiredService<Discovery.SearchIndex>().RebuildAsync();
    }

    private static async Task<AppUser> CreateUserAsync(UserManager<AppUser> users, string email, string name, string role, Guid? merchantId, string? phone = null)
    {
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, MerchantId = merchantId,
            PhoneNumber = phone, CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }
}
