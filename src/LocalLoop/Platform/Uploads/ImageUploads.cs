using System.Security.Cryptography;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Uploads;

public sealed class UploadOptions
{
    /// <summary>Where uploaded files are kept; relative paths are under the app's content root (next to data/localloop.db).</summary>
    public string Directory { get; set; } = "data/uploads";

    public long MaxBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>
/// Validated image upload and safe storage, for every capability that takes pictures. The type comes from the
/// file's first bytes (PNG, JPEG, WebP), never from its name or the client's content type; the file is stored
/// under its new id, so nothing the client sends becomes part of a path.
/// </summary>
public sealed class ImageUploads(AppDbContext db, IOptions<UploadOptions> options, IWebHostEnvironment environment, TimeProvider clock)
{
    public long MaxBytes => options.Value.MaxBytes;

    public async Task<UploadedFile> SaveAsync(Guid ownerUserId, Guid? merchantId, UploadPurpose purpose, IFormFile? file)
    {
        var maxMb = MaxBytes / (1024.0 * 1024.0);
        if (file is null || file.Length == 0)
        {
            throw Validation.Single("file", "Choose an image file to upload.", "请选择要上传的图片文件。");
        }

        if (file.Length > MaxBytes)
        {
            throw Validation.Single("file", $"The image is larger than {maxMb:0.#} MB.", $"图片不能超过 {maxMb:0.#} MB。");
        }

        var content = new MemoryStream((int)file.Length);
        await using (var upload = file.OpenReadStream())
        {
            await upload.CopyToAsync(content);
        }

        return await SaveAsync(ownerUserId, merchantId, purpose, content.ToArray());
    }

    /// <summary>Checks and stores bytes already in memory (demo data, and the form upload above once read).</summary>
    public async Task<UploadedFile> SaveAsync(Guid ownerUserId, Guid? merchantId, UploadPurpose purpose, byte[] bytes)
    {
        var maxMb = MaxBytes / (1024.0 * 1024.0);
        if (bytes.Length == 0 || bytes.Length > MaxBytes)
        {
            throw Validation.Single("file", $"The image must be 1 byte to {maxMb:0.#} MB.", $"图片大小须在 {maxMb:0.#} MB 以内且不能为空。");
        }

        var contentType = ImageSignature.Detect(bytes)
            ?? throw Validation.Single("file", "Only PNG, JPEG or WebP images are accepted.", "只接受 PNG、JPEG 或 WebP 格式的图片。");

        var stored = new UploadedFile
        {
            Id = Guid.CreateVersion7(),
            OwnerUserId = ownerUserId,
            MerchantId = merchantId,
            Purpose = purpose,
            ContentType = contentType,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Visibility = VisibilityOf(purpose),
            CreatedAt = clock.GetUtcNow(),
        };

        // Written under a temporary name and moved into place, so a reader never sees half a file.
        var path = PathOf(stored.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, bytes);
        File.Move(partial, path, overwrite: true);

        db.UploadedFiles.Add(stored);
        await db.SaveChangesAsync();
        return stored;
    }

    public static FileVisibility VisibilityOf(UploadPurpose purpose) =>
        purpose == UploadPurpose.StorePhoto ? FileVisibility.Public : FileVisibility.Private;

    /// <summary>The file if this caller may see it; null (answered 404, so its existence is not revealed) otherwise.</summary>
    public async Task<UploadedFile?> FindVisibleAsync(Guid id, CurrentUser user)
    {
        var file = await db.UploadedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id);
        return file is not null && MaySee(file, user) && File.Exists(PathOf(file.Id)) ? file : null;
    }

    public static bool MaySee(UploadedFile file, CurrentUser user) =>
        file.Visibility == FileVisibility.Public
        || (user.Id is { } me && me == file.OwnerUserId)
        || user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Admin)
        || (file.MerchantId is not null && file.MerchantId == user.MerchantId
            && (user.IsInRole(Roles.MerchantOwner) || file.Purpose == UploadPurpose.AfterSalesPhoto)); // any of its staff handles returns

    /// <summary>Files the caller uploaded for <paramref name="purpose"/>: the only ones they may attach to something.</summary>
    public async Task RequireOwnAsync(Guid ownerUserId, UploadPurpose purpose, IReadOnlyCollection<Guid> fileIds, string field)
    {
        var found = await db.UploadedFiles.CountAsync(f => fileIds.Contains(f.Id) && f.OwnerUserId == ownerUserId && f.Purpose == purpose);
        if (found != fileIds.Distinct().Count())
        {
            throw Validation.Single(field, "Attach images you uploaded for this purpose.", "请附上你为此用途上传的图片。");
        }
    }

    public string PathOf(Guid fileId)
    {
        var directory = options.Value.Directory;
        var root = Path.IsPathRooted(directory) ? directory : Path.Combine(environment.ContentRootPath, directory);
        return Path.Combine(root, fileId.ToString("N"));
    }
}

/// <summary>Recognises the image formats LocalLoop accepts by their magic bytes.</summary>
public static class ImageSignature
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> Riff => "RIFF"u8;
    private static ReadOnlySpan<byte> Webp => "WEBP"u8;

    public static string? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(Png) ? "image/png"
        : content.StartsWith(Jpeg) ? "image/jpeg"
        : content.Length >= 12 && content.StartsWith(Riff) && content[8..12].SequenceEqual(Webp) ? "image/webp"
        : null;
}
