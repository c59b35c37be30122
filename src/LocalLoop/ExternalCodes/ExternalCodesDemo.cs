using LocalLoop.Platform.Data;
using LocalLoop.SandboxVoucherPlatform;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.ExternalCodes;

/// <summary>Demo data for 三方码: the demo merchant's shop on the sandbox platform, linked, with a few codes "sold" there.</summary>
public static class ExternalCodesDemo
{
    public const string ShopId = "SVSDEMO00001";

    /// <summary>Usable sandbox codes of the demo merchant, for the counter's "三方券码" tab.</summary>
    public static readonly string[] Codes = ["EXDEMA2345", "EXDEMA2346", "EXDEMA2347"];

    /// <summary>A code whose validity has ended: the console explains why it cannot be used.</summary>
    public const string ExpiredCode = "EXDEMA2348";

    public static async Task SeedAsync(IServiceProvider services, Guid merchantId, Guid ownerUserId, DateTimeOffset now)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var secret = "demo-sandbox-shop-secret-" + Guid.NewGuid().ToString("N")[..12];
        db.Set<SandboxPlatformShop>().Add(new SandboxPlatformShop { ShopId = ShopId, Name = "Hotpot House 沙箱门店", Secret = secret, CreatedAt = now });
        foreach (var code in Codes.Append(ExpiredCode))
        {
            var expired = code == ExpiredCode;
            db.Set<SandboxPlatformCode>().Add(new SandboxPlatformCode
            {
                Code = code, ShopId = ShopId, Title = "沙箱平台 双人套餐 / Set for two", FaceValueFen = 19_800, SettlementFen = 16_800,
                State = SandboxCodeState.Unused, ValidFrom = now.AddDays(-40), ValidUntil = expired ? now.AddDays(-1) : now.AddDays(60), SoldAt = now.AddDays(-40),
            });
        }

        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ExternalPlatformBindings.SecretPurpose);
        db.ExternalBindings.Add(new ExternalPlatformBinding
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, Platform = SandboxVoucherProvider.Key, ShopId = ShopId,
            ProtectedSecret = protector.Protect(secret), BoundAt = now.AddDays(-30), BoundByUserId = ownerUserId,
        });
        await SeedHistoryAsync(db, merchantId, ownerUserId, now);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Three weeks of codes sold on the sandbox platform and consumed at the demo merchant's counter, a few a day at
    /// lunch and dinner, one of them reversed: each as the live flow leaves it (the platform's code and consumption,
    /// our consumption row and its verification log row), so the breakage report's 三方码 table has a history.
    /// </summary>
    private static async Task SeedHistoryAsync(AppDbContext db, Guid merchantId, Guid clerkUserId, DateTimeOffset now)
    {
        var storeIds = await db.Stores.Where(s => s.MerchantId == merchantId).OrderBy(s => s.Name).Select(s => s.Id).ToListAsync();
        var random = new Random(2311);
        for (var i = 0; i < 18; i++)
        {
            var code = $"EXHIS{i:D5}";
            var storeId = storeIds[i % storeIds.Count];
            var consumedAt = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1 - i * 21 / 18).AddHours(random.Next(2) == 0 ? 4 : 10).AddMinutes(random.Next(60));
            var (title, faceFen, settlementFen) = (i % 3) switch
            {
                0 => ("沙箱平台 单人午市套餐 / Lunch for one", 5_800L, 4_900L),
                _ => ("沙箱平台 双人套餐 / Set for two", 19_800L, 16_800L),
            };
            var consumptionId = "SVCDEMO" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            var requestId = Guid.CreateVersion7().ToString("N");
            var reversed = i == 4;
            db.Set<SandboxPlatformCode>().Add(new SandboxPlatformCode
            {
                Code = code, ShopId = ShopId, Title = title, FaceValueFen = faceFen, SettlementFen = settlementFen,
                State = reversed ? SandboxCodeState.Unused : SandboxCodeState.Consumed, ValidFrom = now.AddDays(-40), ValidUntil = now.AddDays(60),
                SoldAt = consumedAt.AddDays(-3), ConsumedAt = reversed ? null : consumedAt, ConsumptionId = reversed ? null : consumptionId,
            });
            db.Set<SandboxPlatformConsumption>().Add(new SandboxPlatformConsumption
            {
                ConsumptionId = consumptionId, ShopId = ShopId, RequestId = requestId, Code = code, StoreRef = storeId.ToString(),
                SettlementFen = settlementFen, ConsumedAt = consumedAt, ReversedAt = reversed ? consumedAt.AddMinutes(3) : null,
            });
            var attempt = ExternalCodeVerification.Attempt(merchantId, clerkUserId, storeId, code, SandboxVoucherProvider.Key, true, "verified", "已核销", consumedAt);
            db.VerificationAttempts.Add(attempt);
            db.ExternalConsumptions.Add(new ExternalConsumption
            {
                Id = Guid.CreateVersion7(), MerchantId = merchantId, Platform = SandboxVoucherProvider.Key, Code = code, RequestId = requestId,
                RemoteConsumptionId = consumptionId, Title = title, FaceValueFen = faceFen, SettlementFen = settlementFen, StoreId = storeId, ClerkUserId = clerkUserId,
                State = reversed ? ExternalConsumptionState.Reversed : ExternalConsumptionState.Consumed, CreatedAt = consumedAt, ConsumedAt = consumedAt, AttemptId = attempt.Id,
                ReversedAt = reversed ? consumedAt.AddMinutes(3) : null, ReversedByUserId = reversed ? clerkUserId : null,
                ReversalReason = reversed ? "顾客改用本平台券 / guest paid with our voucher" : null,
            });
            if (reversed)
            {
                attempt.ReversedAt = consumedAt.AddMinutes(3);
                attempt.ReversedByUserId = clerkUserId;
                attempt.ReversalReason = "顾客改用本平台券 / guest paid with our voucher";
            }
        }
    }
}
