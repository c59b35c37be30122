using LocalLoop.Platform.Uploads;

namespace LocalLoop.Merchants;

/// <summary>A public photo of a store, in the order the merchant chose (lowest <see cref="SortOrder"/> first).</summary>
public sealed class StorePhoto : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid StoreId { get; set; }
    public Guid MerchantId { get; set; }

    /// <summary>The <see cref="UploadedFile"/> served at /files/{FileId}.</summary>
    public Guid FileId { get; set; }

    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
