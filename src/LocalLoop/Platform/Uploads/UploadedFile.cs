namespace LocalLoop.Platform.Uploads;

/// <summary>What an upload is for: decides who may upload it and who may see it.</summary>
public enum UploadPurpose
{
    /// <summary>The business licence of a merchant application (private).</summary>
    MerchantLicence,

    /// <summary>Any other document of a merchant application (private).</summary>
    MerchantDocument,

    /// <summary>A photo of a store shown to consumers (public).</summary>
    StorePhoto,

    /// <summary>A consumer's photo of goods to return or exchange (private: the consumer, the order's merchant and operators see it).</summary>
    AfterSalesPhoto,
}

public enum FileVisibility
{
    Public,
    Private,
}

/// <summary>
/// An image a user uploaded, checked by its magic bytes and stored under a name the server chose (its id),
/// never a path the client sent.
/// </summary>
public sealed class UploadedFile
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }

    /// <summary>The merchant the file belongs to (store photos, and documents once the applicant owns a merchant).</summary>
    public Guid? MerchantId { get; set; }

    public UploadPurpose Purpose { get; set; }

    /// <summary>The type detected from the content (image/png, image/jpeg, image/webp), never the client's claim.</summary>
    public string ContentType { get; set; } = "";

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content: the ETag, and evidence that a document was not changed.</summary>
    public string Sha256 { get; set; } = "";

    public FileVisibility Visibility { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
