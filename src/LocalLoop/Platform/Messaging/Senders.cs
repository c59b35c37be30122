namespace LocalLoop.Platform.Messaging;

/// <summary>An SMS provider. Returns the provider's message id; throws <see cref="MessageSendException"/> when the provider refuses or cannot be reached.</summary>
public interface ISmsSender
{
    /// <param name="messageId">Our id for the message: providers dedupe on it, so a retry after a lost answer does not send twice.</param>
    Task<string> SendAsync(Guid messageId, string phone, string text, CancellationToken cancellationToken);
}

/// <summary>An email provider, same contract as <see cref="ISmsSender"/>.</summary>
public interface IEmailSender
{
    Task<string> SendAsync(Guid messageId, string address, string subject, string body, CancellationToken cancellationToken);
}

public sealed class MessageSendException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The providers a channel can be given in configuration.</summary>
public static class MessagingProviders
{
    /// <summary>The sandbox provider inside this app (or at <see cref="SandboxMessagingOptions.BaseUrl"/>).</summary>
    public const string Sandbox = "Sandbox";

    /// <summary>Email only: .eml files in <see cref="MessagingOptions.PickupFolder"/>.</summary>
    public const string PickupFolder = "PickupFolder";

    /// <summary>Nothing is queued for the channel.</summary>
    public const string Off = "Off";
}

/// <summary>Settings under <c>Messaging</c>: which provider each channel uses, and how sending retries.</summary>
public sealed class MessagingOptions
{
    public ChannelOptions Sms { get; set; } = new() { Provider = MessagingProviders.Sandbox };
    public ChannelOptions Email { get; set; } = new() { Provider = MessagingProviders.PickupFolder };
    public SandboxMessagingOptions Sandbox { get; set; } = new();

    /// <summary>Where the pickup-folder email provider writes (relative to the content root).</summary>
    public string PickupFolder { get; set; } = "data/mail-pickup";

    /// <summary>How often each node looks for messages to send.</summary>
    public int SendScanSeconds { get; set; } = 5;

    /// <summary>Waits after the 1st, 2nd, ... failed attempt; after the last one the message is marked failed.</summary>
    public int[] RetrySeconds { get; set; } = [10, 60, 300, 1800];

    /// <summary>Whether a channel has a provider: with "Off" nothing is queued for it.</summary>
    public bool Enabled(MessageChannel channel) => (channel == MessageChannel.Sms ? Sms : Email).Provider != MessagingProviders.Off;

    public sealed class ChannelOptions
    {
        /// <summary>SMS: "Sandbox" or "Off". Email: "PickupFolder", "Sandbox" or "Off".</summary>
        public string Provider { get; set; } = MessagingProviders.Off;
    }
}

/// <summary>How we reach the sandbox provider (both sides read the secret, as with the sandbox gateway).</summary>
public sealed class SandboxMessagingOptions
{
    /// <summary>Signs our calls to the provider.</summary>
    public string Secret { get; set; } = "sandbox-messaging-secret-change-me";

    /// <summary>The provider's address; empty means the sandbox inside this app.</summary>
    public string BaseUrl { get; set; } = "";
}
