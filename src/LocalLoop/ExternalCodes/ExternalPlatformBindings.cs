using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.ExternalCodes;

public sealed record BindRequest(string? Platform, string? ShopId, string? Secret);

/// <summary>A binding as the owner sees it; the secret is never shown again.</summary>
public sealed record BindingView(string Platform, string PlatformName, string ShopId, string ShopName, DateTimeOffset BoundAt);

/// <summary>A merchant's binding, ready to call its platform with.</summary>
public sealed record BoundPlatform(ExternalPlatformBinding Binding, IExternalVoucherProvider Provider, ExternalShop Shop);

/// <summary>
/// The owner links the merchant's account on an external platform: the platform's shop id and the shared secret.
/// The credentials are checked with a signed call before they are kept, and the secret is stored encrypted.
/// </summary>
public sealed class ExternalPlatformBindings(AppDbContext db, ExternalVoucherProviders providers, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string SecretPurpose = "LocalLoop.ExternalCodes.BindingSecret";

    private IDataProtector Protector => protection.CreateProtector(SecretPurpose);

    public async Task<List<BindingView>> ListAsync(Guid merchantId)
    {
        var bindings = await db.ExternalBindings.AsNoTracking().Where(b => b.MerchantId == merchantId).OrderBy(b => b.Platform).ToListAsync();
        return bindings.Select(b => View(b, b.ShopId)).ToList();
    }

    public async Task<BindingView> LinkAsync(Guid merchantId, Guid userId, BindRequest request)
    {
        var platform = string.IsNullOrWhiteSpace(request.Platform) ? SandboxVoucherProvider.Key : request.Platform.Trim();
        var provider = providers.Find(platform);
        var errors = new Validation();
        errors.Check(nameof(request.Platform), provider is not null, "Choose a platform we support.", "请选择平台支持的三方券平台。");
        errors.Required(nameof(request.ShopId), request.ShopId, 64, "The shop id on the platform", "平台门店/商户 ID");
        errors.Required(nameof(request.Secret), request.Secret, 200, "The API secret", "接口密钥");
        errors.ThrowIfAny();

        var shop = new ExternalShop(request.ShopId!.Trim(), request.Secret!.Trim());
        string shopName;
        try
        {
            shopName = await provider!.CheckShopAsync(shop);
        }
        catch (ExternalPlatformException ex)
        {
            throw ExternalRefusals.Of(ex, provider!);
        }

        if (await db.ExternalBindings.AnyAsync(b => b.Platform == platform && b.ShopId == shop.ShopId && b.MerchantId != merchantId))
        {
            throw DomainException.Conflict("shop_bound_elsewhere", "This shop is already linked to another merchant.", "该平台门店已被其他商家绑定。");
        }

        var now = clock.GetUtcNow();
        var secret = Protector.Protect(shop.Secret);
        var changed = await db.ExternalBindings.Where(b => b.MerchantId == merchantId && b.Platform == platform)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ShopId, shop.ShopId).SetProperty(b => b.ProtectedSecret, secret)
                .SetProperty(b => b.BoundAt, now).SetProperty(b => b.BoundByUserId, userId));
        var binding = new ExternalPlatformBinding
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, Platform = platform, ShopId = shop.ShopId, ProtectedSecret = secret, BoundAt = now, BoundByUserId = userId,
        };
        if (changed == 0)
        {
            db.ExternalBindings.Add(binding);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                throw DomainException.Conflict("binding_changed", "The binding changed meanwhile (another tab?); look again.", "绑定信息刚被修改（可能在另一个窗口），请刷新后重试。");
            }
        }

        return View(binding, shopName);
    }

    /// <summary>The merchant's bindings with their decrypted credentials, for calling the platforms.</summary>
    public async Task<List<BoundPlatform>> BoundAsync(Guid merchantId)
    {
        var bindings = await db.ExternalBindings.AsNoTracking().Where(b => b.MerchantId == merchantId).ToListAsync();
        return bindings.Where(b => providers.Find(b.Platform) is not null)
            .Select(b => new BoundPlatform(b, providers.Find(b.Platform)!, new ExternalShop(b.ShopId, Protector.Unprotect(b.ProtectedSecret))))
            .ToList();
    }

    private BindingView View(ExternalPlatformBinding binding, string shopName) =>
        new(binding.Platform, providers.Find(binding.Platform)?.Name(Platform.Localization.Text.IsChinese) ?? binding.Platform, binding.ShopId, shopName, binding.BoundAt);
}
