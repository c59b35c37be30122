using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LocalLoop.SandboxGateway;
using Microsoft.Extensions.Options;

namespace LocalLoop.Payments;

/// <summary>The app's side of the gateway API: signed calls to create a trade and to refund.</summary>
public sealed class SandboxGatewayClient(IHttpClientFactory http, IOptions<SandboxGatewayOptions> options, Microsoft.AspNetCore.Hosting.Server.IServer server)
{
    public const string HttpClientName = "sandbox-gateway";

    public Task<CreateTradeResponse> CreateTradeAsync(string baseUrl, CreateTradeRequest request) =>
        SendAsync<CreateTradeRequest, CreateTradeResponse>(baseUrl, "/api/trades", request);

    /// <summary>True when the trade is closed (or never existed) and can no longer be paid; false when the consumer already paid it.</summary>
    public async Task<bool> CloseTradeAsync(string baseUrl, string merchantTradeNo)
    {
        try
        {
            await SendAsync<CloseTradeRequest, object>(baseUrl, "/api/trades/close", new CloseTradeRequest(merchantTradeNo));
            return true;
        }
        catch (GatewayException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The gateway's own view of a trade; null when it never reached the gateway.</summary>
    public async Task<TradeQueryResponse?> QueryTradeAsync(string baseUrl, string merchantTradeNo)
    {
        using var response = await http.CreateClient(HttpClientName).GetAsync($"{baseUrl}/api/trades/{Uri.EscapeDataString(merchantTradeNo)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayException((int)response.StatusCode, $"The payment gateway refused the query ({(int)response.StatusCode}).");
        }

        return await response.Content.ReadFromJsonAsync<TradeQueryResponse>(JsonSerializerOptions.Web);
    }

    public Task<RefundTradeResponse> RefundAsync(string baseUrl, RefundTradeRequest request) =>
        SendAsync<RefundTradeRequest, RefundTradeResponse>(baseUrl, "/api/refunds", request);

    /// <summary>The gateway's address: configured, or this app itself when the sandbox runs inside it.</summary>
    public string BaseUrl(HttpRequest? current) =>
        !string.IsNullOrEmpty(options.Value.BaseUrl) ? options.Value.BaseUrl.TrimEnd('/') + SandboxGatewayServer.Prefix
        : current is not null ? $"{current.Scheme}://{current.Host}{SandboxGatewayServer.Prefix}"
        : OwnAddress(server) + SandboxGatewayServer.Prefix;

    /// <summary>This app's own address as the gateway should call it back (notify URL) and send the payer back (return URL).</summary>
    public string AppUrl(HttpRequest? current)
    {
        if (current is not null)
        {
            return $"{current.Scheme}://{current.Host}";
        }

        var baseUrl = BaseUrl(null);
        return baseUrl[..baseUrl.IndexOf(SandboxGatewayServer.Prefix, StringComparison.Ordinal)];
    }

    /// <summary>Where this app listens, for calls made outside a request (background retries, the sandboxes inside this app).</summary>
    public static string OwnAddress(Microsoft.AspNetCore.Hosting.Server.IServer server) =>
        (server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost")
            .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

    private async Task<TResponse> SendAsync<TRequest, TResponse>(string baseUrl, string path, TRequest payload)
    {
        var body = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(GatewaySignature.Header, GatewaySignature.Sign(body, options.Value.Secret));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new GatewayException((int)response.StatusCode, $"The payment gateway refused the request ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<TResponse>(JsonSerializerOptions.Web)
            ?? throw new GatewayException(0, "The payment gateway sent an empty answer.");
    }
}

public sealed class GatewayException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
