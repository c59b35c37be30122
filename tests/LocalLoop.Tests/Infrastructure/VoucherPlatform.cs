using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.SandboxVoucherPlatform;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Tests.Infrastructure;

public sealed record PlatformShop(string ShopId, string Secret);

/// <summary>Drives the sandbox voucher platform the way its own users would: opening a shop, selling codes, and a forger's requests.</summary>
public static class VoucherPlatform
{
    public const string Api = SandboxVoucherPlatformServer.Prefix + "/api";

    public static async Task<PlatformShop> OpenShopAsync(TestApp app, string name = "沙箱测试门店") =>
        await app.Anonymous().PostAsJsonAsync(Api + "/shops", new OpenShopRequest(name)).ShouldReturnAsync<PlatformShop>();

    /// <summary>Opens a shop on the platform and links the merchant to it, as its owner does on the console.</summary>
    public static async Task<PlatformShop> BindAsync(TestApp app, MerchantSetup merchant)
    {
        var shop = await OpenShopAsync(app);
        var bound = await merchant.Owner.PutAsJsonAsync("/api/merchant/external-platforms", new BindRequest("sandbox", shop.ShopId, shop.Secret))
            .ShouldReturnAsync<BindingView>();
        bound.ShopId.ShouldBe(shop.ShopId);
        return shop;
    }

    /// <summary>Consumers buy codes for the shop on the platform.</summary>
    public static async Task<List<string>> SellAsync(TestApp app, PlatformShop shop, int count = 1, long faceValueFen = 10_000, long settlementFen = 8_200,
        string title = "沙箱平台双人套餐", string? fault = null, int validDays = 30)
    {
        using var request = Signed(app, shop, "/codes/sell", new SellCodesRequest(title, faceValueFen, settlementFen, count, validDays, fault));
        return (await app.Anonymous().SendAsync(request).ShouldReturnAsync<SellCodesResponse>()).Codes;
    }

    /// <summary>A request to the platform signed like a shop's, with any part replaceable by a forger's.</summary>
    public static HttpRequestMessage Signed(TestApp app, PlatformShop shop, string path, object payload, string? bodyOverride = null,
        DateTimeOffset? at = null, string? nonce = null, string? secret = null)
    {
        var body = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);
        var timestamp = (at ?? app.Clock.GetUtcNow()).ToUnixTimeSeconds();
        nonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var request = new HttpRequestMessage(HttpMethod.Post, Api + path) { Content = new StringContent(bodyOverride ?? body, Encoding.UTF8, "application/json") };
        request.Headers.Add(PlatformSignature.ShopHeader, shop.ShopId);
        request.Headers.Add(PlatformSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(PlatformSignature.NonceHeader, nonce);
        request.Headers.Add(PlatformSignature.SignatureHeader, PlatformSignature.Sign(timestamp, nonce, body, secret ?? shop.Secret));
        return request;
    }

    /// <summary>A refusal's problem details: asserts status and code, returns the English and Chinese explanations.</summary>
    public static async Task<(string English, string Chinese)> RefusalAsync(Task<HttpResponseMessage> request, int status, string code)
    {
        var response = await (await request).ShouldHaveStatusAsync(status);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe(code);
        var chinese = problem.RootElement.GetProperty("detailZh").GetString() ?? "";
        chinese.Any(c => c >= 0x4E00 && c <= 0x9FFF).ShouldBeTrue($"the refusal is explained in Chinese: {chinese}");
        return (problem.RootElement.GetProperty("detail").GetString() ?? "", chinese);
    }

    public static Task<SandboxPlatformCode> CodeAsync(TestApp app, string code) =>
        app.WithDbAsync(db => db.Set<SandboxPlatformCode>().AsNoTracking().SingleAsync(c => c.Code == code));

    public static Task<int> ConsumptionsOnPlatformAsync(TestApp app, string code) =>
        app.WithDbAsync(db => db.Set<SandboxPlatformConsumption>().CountAsync(c => c.Code == code));

    public static Task<int> SetFaultAsync(TestApp app, string code, string? fault) =>
        app.WithDbAsync(db => db.Set<SandboxPlatformCode>().Where(c => c.Code == code).ExecuteUpdateAsync(s => s.SetProperty(c => c.Fault, fault)));

    public static Task<HttpResponseMessage> QueryAsync(HttpClient clerk, Guid storeId, string code) =>
        clerk.PostAsJsonAsync("/api/merchant/external-codes/query", new ExternalCodeRequest(storeId, code));

    public static Task<HttpResponseMessage> ConsumeAsync(HttpClient clerk, Guid storeId, string code) =>
        clerk.PostAsJsonAsync("/api/merchant/external-codes/consume", new ExternalCodeRequest(storeId, code));

    public static Task<HttpResponseMessage> ReverseAsync(HttpClient staff, Guid consumptionId, string reason) =>
        staff.PostAsJsonAsync($"/api/merchant/external-codes/consumptions/{consumptionId}/reverse", new LocalLoop.Vouchers.ReverseRequest(reason));

    public static async Task<ExternalSettlement> SettlementAsync(HttpClient owner) =>
        (await owner.GetFromJsonAsync<ExternalSettlement>("/api/merchant/external-platforms/settlement"))!;

    public static async Task<List<ExternalConsumptionView>> ConsumptionsAsync(HttpClient staff) =>
        (await staff.GetFromJsonAsync<List<ExternalConsumptionView>>("/api/merchant/external-codes/consumptions"))!;
}
