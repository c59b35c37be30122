using System.Net.Http.Json;
using LocalLoop.Deals;
using LocalLoop.Merchants;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Vouchers;

namespace LocalLoop.Tests.Infrastructure;

public sealed record Consumer(Guid Id, string Email, HttpClient Client);

public sealed record MerchantSetup(Guid MerchantId, string OwnerEmail, HttpClient Owner, string ClerkEmail, HttpClient Clerk,
    Guid HonouringStoreId, Guid OtherStoreId, Guid DealId, long PriceFen);

/// <summary>Builds the actors of a test through the public API, the way real users get there.</summary>
public sealed class Scenario(TestApp app)
{
    public const double Latitude = 31.2304;
    public const double Longitude = 121.4737;

    public async Task<Consumer> NewConsumerAsync(long walletFen = 100_000, string? name = null, string? phone = null)
    {
        var email = $"c{Guid.NewGuid():N}@test.localloop";
        var created = await app.Anonymous().PostAsJsonAsync("/api/auth/register", new { email, password = TestApp.Password, displayName = name ?? "Test Consumer 测试用户", phone })
            .ShouldReturnAsync<IdOnly>(201);
        if (walletFen > 0)
        {
            await app.FundWalletAsync(created.Id, walletFen);
        }

        return new Consumer(created.Id, email, await app.SignInAsync(email));
    }

    /// <summary>A merchant through the whole onboarding: application, approval, two stores, a clerk, and an approved deal honoured at the first store only.</summary>
    public async Task<MerchantSetup> NewMerchantAsync(long priceFen = 8_800, string category = "food", string title = "双人火锅套餐",
        double latitude = Latitude, double longitude = Longitude, int validityDays = 30, string? refundPolicy = null)
    {
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var applicant = await NewConsumerAsync(0, "店主 Owner");
        var application = await applicant.Client.PostAsJsonAsync("/api/merchant-applications", await ApplicationAsync(applicant.Client, category))
            .ShouldReturnAsync<ApplicationView>(201);
        var approved = await reviewer.PostAsync($"/api/admin/merchant-applications/{application.Id}/approve", null).ShouldReturnAsync<MerchantIdOnly>();

        // Role and merchant come with a fresh token, as after signing in again.
        var owner = await app.SignInAsync(applicant.Email);
        var storeA = await owner.PostAsJsonAsync("/api/merchant/stores", Store("人民广场店", latitude, longitude)).ShouldReturnAsync<StoreView>(201);
        var storeB = await owner.PostAsJsonAsync("/api/merchant/stores", Store("陆家嘴店", latitude + 0.01, longitude + 0.02)).ShouldReturnAsync<StoreView>(201);
        var clerkEmail = $"k{Guid.NewGuid():N}@test.localloop";
        await (await owner.PostAsJsonAsync("/api/merchant/staff/clerks", new ClerkRequest(clerkEmail, "店员 Clerk", TestApp.Password))).ShouldHaveStatusAsync(201);
        var deal = await owner.PostAsJsonAsync("/api/merchant/deals",
            new DealRequest(title, "锅底 + 肥牛 + 毛肚 + 蔬菜拼盘", category, priceFen, priceFen * 2, validityDays, [storeA.Id], refundPolicy))
            .ShouldReturnAsync<DealView>(201);
        await (await reviewer.PostAsync($"/api/admin/deals/{deal.Id}/approve", null)).ShouldHaveStatusAsync(204);

        return new MerchantSetup(approved.MerchantId, applicant.Email, owner, clerkEmail, await app.SignInAsync(clerkEmail), storeA.Id, storeB.Id, deal.Id, priceFen);
    }

    /// <summary>A complete application: the applicant's licence image is uploaded first, as the apply page does.</summary>
    public static async Task<MerchantApplicationRequest> ApplicationAsync(HttpClient applicant, string category = "food") =>
        new($"测试商户 {Guid.NewGuid():N}"[..16], "91310000MA1234567X", "张三", "13800138000", category,
            LicenceFileId: await UploadAsync(applicant, "MerchantLicence", TestImages.Png, "licence.png"));

    /// <summary>Uploads bytes through POST /api/uploads and answers the new file's id.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, string purpose, byte[] content, string fileName, string contentType = "image/png")
    {
        using var form = TestImages.Form(purpose, content, fileName, contentType);
        return (await client.PostAsync("/api/uploads", form).ShouldReturnAsync<IdOnly>(201)).Id;
    }

    public static StoreRequest Store(string name, double latitude, double longitude) =>
        new(name, "上海", "上海市黄浦区南京东路1号", latitude, longitude, "021-63218888", "10:00", "22:00");

    public static async Task<OrderView> PlaceOrderAsync(Consumer consumer, Guid dealId, int quantity) =>
        await consumer.Client.PostAsJsonAsync("/api/orders", new PlaceOrderRequest(dealId, quantity)).ShouldReturnAsync<OrderView>(201);

    public static async Task<List<VoucherView>> BuyWithWalletAsync(Consumer consumer, Guid dealId, int quantity)
    {
        var order = await PlaceOrderAsync(consumer, dealId, quantity);
        await consumer.Client.PostAsJsonAsync($"/api/orders/{order.Id}/pay", new PayRequest("wallet")).ShouldReturnAsync<PayResult>();
        return (await VouchersAsync(consumer)).Where(v => v.OrderId == order.Id).ToList();
    }

    public static async Task<List<VoucherView>> VouchersAsync(Consumer consumer) =>
        await consumer.Client.GetFromJsonAsync<List<VoucherView>>("/api/me/vouchers") ?? [];

    public static Task<HttpResponseMessage> VerifyAsync(HttpClient clerk, Guid storeId, string code) =>
        clerk.PostAsJsonAsync("/api/merchant/verifications", new VerifyRequest(storeId, code));

    /// <summary>A mainland mobile number no other test uses: 1 + 10 random digits.</summary>
    public static string NewPhone() => "19" + Random.Shared.NextInt64(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<HttpResponseMessage> LookUpAsync(HttpClient clerk, Guid storeId, string phone) =>
        clerk.GetAsync($"/api/merchant/vouchers/lookup?phone={Uri.EscapeDataString(phone)}&storeId={storeId}");

    public static Task<HttpResponseMessage> VerifyBatchAsync(HttpClient clerk, Guid storeId, IEnumerable<Guid> voucherIds) =>
        clerk.PostAsJsonAsync("/api/merchant/verifications/batch", new BatchVerifyRequest(storeId, voucherIds.ToList()));

    public sealed record IdOnly(Guid Id);

    public sealed record MerchantIdOnly(Guid MerchantId);
}
