using LocalLoop.Platform.Data;
using LocalLoop.SandboxVoucherPlatform;
using Microsoft.AspNetCore.DataProtection;

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
        await db.SaveChangesAsync();
    }
}
