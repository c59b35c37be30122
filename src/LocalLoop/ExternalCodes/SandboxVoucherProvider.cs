using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalLoop.Payments;
using LocalLoop.SandboxVoucherPlatform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace LocalLoop.ExternalCodes;

/// <summary>Our client of the sandbox voucher platform: signed calls over real HTTP, each with its own timeout.</summary>
public sealed class SandboxVoucherProvider(IHttpClientFactory http, IOptions<SandboxPlatformOptions> options, IHttpContextAccessor context,
    IServer server, TimeProvider clock) : IExternalVoucherProvider
{
    public const string HttpClientName = "sandbox-voucher-platform";
    public const string Key = "sandbox";

    public string Platform => Key;

    public string Name(bool chinese) => chinese ? "沙箱券平台" : "Sandbox voucher platform";

    public bool TryReadCode(string input, out string code)
    {
        code = new string((input ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return SandboxVoucherPlatformServer.LooksLikeCode(code);
    }

    public async Task<string> CheckShopAsync(ExternalShop shop) => (await CallAsync<ShopInfo>(shop, "/shop", new { })).Name;

    public async Task<ExternalCodeDetails> QueryAsync(ExternalShop shop, string code)
    {
        var info = await CallAsync<CodeInfo>(shop, "/codes/query", new CodeQueryRequest(code));
        var state = info.State switch { "CONSUMED" => ExternalCodeState.Used, "EXPIRED" => ExternalCodeState.Expired, _ => ExternalCodeState.Usable };
        return new(info.Code, info.Title, info.FaceValueFen, info.SettlementFen, state, info.ValidFrom, info.ValidUntil, info.ConsumedAt);
    }

    public async Task<ExternalReceipt> ConsumeAsync(ExternalShop shop, string code, string storeRef, string requestId) =>
        Receipt(await CallAsync<ConsumptionInfo>(shop, "/codes/consume", new ConsumeRequest(code, requestId, storeRef)));

    public async Task<ExternalReceipt?> FindConsumptionAsync(ExternalShop shop, string requestId)
    {
        try
        {
            return Receipt(await CallAsync<ConsumptionInfo>(shop, "/consumptions/query", new ConsumptionQueryRequest(requestId)));
        }
        catch (ExternalPlatformException ex) when (ex.RemoteCode == "unknown_request")
        {
            return null;
        }
    }

    public async Task<ExternalReceipt> ReverseAsync(ExternalShop shop, string consumptionId) =>
        Receipt(await CallAsync<ConsumptionInfo>(shop, "/consumptions/reverse", new ReverseConsumptionRequest(consumptionId)));

    /// <summary>Sells test codes for a shop, as a consumer buying on the platform would (demo data and tests).</summary>
    public async Task<List<string>> SellAsync(ExternalShop shop, SellCodesRequest sell) => (await CallAsync<SellCodesResponse>(shop, "/codes/sell", sell)).Codes;

    /// <summary>Opens a shop on the platform (its sign-up), returning the shop id and its API secret.</summary>
    public async Task<OpenShopResponse> OpenShopAsync(string name)
    {
        using var response = await Client().PostAsJsonAsync(BaseUrl() + "/shops", new OpenShopRequest(name), JsonSerializerOptions.Web);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<OpenShopResponse>(JsonSerializerOptions.Web))!;
    }

    private static ExternalReceipt Receipt(ConsumptionInfo c) => new(c.ConsumptionId, c.RequestId, c.Code, c.SettlementFen, c.ConsumedAt, c.ReversedAt is not null);

    private HttpClient Client() => http.CreateClient(HttpClientName);

    private string BaseUrl() =>
        (!string.IsNullOrEmpty(options.Value.BaseUrl) ? options.Value.BaseUrl.TrimEnd('/')
            : context.HttpContext?.Request is { } current ? $"{current.Scheme}://{current.Host}"
            : SandboxGatewayClient.OwnAddress(server)) + SandboxVoucherPlatformServer.Prefix + "/api";

    /// <summary>
    /// One signed call. A 2xx is the answer; 401 means our credentials were rejected; another 4xx is a definite
    /// refusal; a 5xx, a timeout or a network error leaves the outcome unknown (<see cref="ExternalFailure.Unavailable"/>).
    /// </summary>
    private async Task<T> CallAsync<T>(ExternalShop shop, string path, object payload)
    {
        var body = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl() + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(PlatformSignature.ShopHeader, shop.ShopId);
        request.Headers.Add(PlatformSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(PlatformSignature.NonceHeader, nonce);
        request.Headers.Add(PlatformSignature.SignatureHeader, PlatformSignature.Sign(timestamp, nonce, body, shop.Secret));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.Value.TimeoutMs));
        try
        {
            using var response = await Client().SendAsync(request, timeout.Token);
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return JsonSerializer.Deserialize<T>(answer, JsonSerializerOptions.Web)
                    ?? throw new ExternalPlatformException(ExternalFailure.Unavailable, "The platform sent an empty answer.");
            }

            var code = ProblemCode(answer);
            throw new ExternalPlatformException(status switch
            {
                401 or 403 => ExternalFailure.CredentialsRejected,
                >= 500 => ExternalFailure.Unavailable,
                _ => code switch
                {
                    "unknown_code" => ExternalFailure.UnknownCode,
                    "code_consumed" => ExternalFailure.Used,
                    "code_expired" => ExternalFailure.Expired,
                    _ => ExternalFailure.Refused,
                },
            }, $"The platform answered {status} {code}", code);
        }
        catch (OperationCanceledException ex)
        {
            throw new ExternalPlatformException(ExternalFailure.Unavailable, $"The platform did not answer within {options.Value.TimeoutMs} ms.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ExternalPlatformException(ExternalFailure.Unavailable, "The platform could not be reached.", inner: ex);
        }
    }

    private static string ProblemCode(string answer)
    {
        try
        {
            return JsonNode.Parse(answer)?["code"]?.GetValue<string>() ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
