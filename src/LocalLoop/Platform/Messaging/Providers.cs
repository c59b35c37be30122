using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LocalLoop.Payments;
using LocalLoop.SandboxGateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Messaging;

/// <summary>Our side of the sandbox provider's API: signed calls, our message id as the provider's dedupe key.</summary>
public sealed class SandboxMessagingClient(IHttpClientFactory http, IOptions<MessagingOptions> options, IServer server) : ISmsSender, IEmailSender
{
    public const string HttpClientName = "sandbox-messaging";

    public Task<string> SendAsync(Guid messageId, string phone, string text, CancellationToken cancellationToken) =>
        PostAsync(new SandboxSendRequest(messageId, "sms", phone, null, text), cancellationToken);

    public Task<string> SendAsync(Guid messageId, string address, string subject, string body, CancellationToken cancellationToken) =>
        PostAsync(new SandboxSendRequest(messageId, "email", address, subject, body), cancellationToken);

    private async Task<string> PostAsync(SandboxSendRequest payload, CancellationToken cancellationToken)
    {
        var sandbox = options.Value.Sandbox;
        var baseUrl = !string.IsNullOrEmpty(sandbox.BaseUrl) ? sandbox.BaseUrl.TrimEnd('/') : SandboxGatewayClient.OwnAddress(server);
        var body = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + SandboxMessagingServer.Prefix + "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(GatewaySignature.Header, GatewaySignature.Sign(body, sandbox.Secret));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new MessageSendException($"The provider refused the message ({(int)response.StatusCode}).");
            }

            var answer = await response.Content.ReadFromJsonAsync<SandboxSendResponse>(JsonSerializerOptions.Web, cancellationToken);
            return answer?.Id ?? throw new MessageSendException("The provider sent an empty answer.");
        }
        catch (HttpRequestException ex)
        {
            throw new MessageSendException("The provider could not be reached.", ex);
        }
    }
}

/// <summary>Writes each email as an .eml file into a folder that a mail server (or a developer) picks up.</summary>
public sealed class PickupFolderEmailSender(IOptions<MessagingOptions> options, IWebHostEnvironment environment) : IEmailSender
{
    public async Task<string> SendAsync(Guid messageId, string address, string subject, string body, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(environment.ContentRootPath, options.Value.PickupFolder);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{messageId:N}.eml");
        var encodedSubject = "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(subject)) + "?=";
        var eml = $"To: {address}\r\nFrom: LocalLoop <no-reply@localloop.local>\r\nSubject: {encodedSubject}\r\nMessage-ID: <{messageId:N}@localloop.local>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
        try
        {
            // Written under a temporary name and moved, so a pickup process never reads half a file; the same id overwrites itself.
            var temporary = file + ".tmp";
            await File.WriteAllTextAsync(temporary, eml, new UTF8Encoding(false), cancellationToken);
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MessageSendException("The pickup folder could not be written.", ex);
        }

        return file;
    }
}

public static class MessagingSetup
{
    /// <summary>Binds <c>Messaging</c> and picks each channel's provider by configuration.</summary>
    public static IServiceCollection AddLocalLoopMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection("Messaging"))
            .Validate(o => o.Sms.Provider is MessagingProviders.Sandbox or MessagingProviders.Off, "Messaging:Sms:Provider must be Sandbox or Off.")
            .Validate(o => o.Email.Provider is MessagingProviders.PickupFolder or MessagingProviders.Sandbox or MessagingProviders.Off,
                "Messaging:Email:Provider must be PickupFolder, Sandbox or Off.")
            .Validate(o => o.Sandbox.Secret.Length >= 16, "Messaging:Sandbox:Secret must be at least 16 characters: it signs calls to the SMS/email provider.")
            .Validate(o => o.SendScanSeconds is >= 1 and <= 86400, "Messaging:SendScanSeconds must be from 1 to 86400.")
            .Validate(o => o.RetrySeconds.All(s => s is >= 1 and <= 86400), "Messaging:RetrySeconds must each be from 1 to 86400.")
            .ValidateOnStart();
        services.AddHttpClient(SandboxMessagingClient.HttpClientName);
        services.AddSingleton<SandboxMessagingFaults>();
        services.AddScoped<SandboxMessagingClient>();
        services.AddScoped<PickupFolderEmailSender>();
        services.AddScoped<ISmsSender>(sp => sp.GetRequiredService<SandboxMessagingClient>());
        services.AddScoped<IEmailSender>(sp => sp.GetRequiredService<IOptions<MessagingOptions>>().Value.Email.Provider == MessagingProviders.Sandbox
            ? sp.GetRequiredService<SandboxMessagingClient>()
            : sp.GetRequiredService<PickupFolderEmailSender>());
        services.AddScoped<MessagingPreferences>();
        services.AddScoped<OutboundMessages>();
        services.AddSingleton<OutboundMessageSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboundMessageSender>());
        return services;
    }
}
