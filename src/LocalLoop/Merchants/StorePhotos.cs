using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Uploads;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record StorePhotoView(Guid Id, Guid FileId, string Url, int SortOrder)
{
    public static StorePhotoView From(StorePhoto p) => new(p.Id, p.FileId, $"/files/{p.FileId}", p.SortOrder);
}

public sealed record AddStorePhotoRequest(Guid FileId);

public sealed record ReorderStorePhotosRequest(List<Guid>? PhotoIds);

/// <summary>A store's public photos: its owner or manager adds, reorders and removes them; consumers see them in that order.</summary>
public sealed class StorePhotos(AppDbContext db, ImageUploads uploads, TimeProvider clock)
{
    public const int MaxPerStore = 20;

    /// <summary>What consumers see; a frozen merchant's store answers 404 like an unknown one.</summary>
    public async Task<List<StorePhotoView>> PublicAsync(Guid storeId)
    {
        var visible = await (from store in db.Stores
                             join merchant in db.Merchants on store.MerchantId equals merchant.Id
                             where store.Id == storeId && merchant.Status == MerchantStatus.Active
                             select store.Id).AnyAsync();
        return visible ? await ListAsync(storeId) : throw DomainException.NotFound("Store", "门店");
    }

    public async Task<List<StorePhotoView>> OfMerchantStoreAsync(Guid merchantId, Guid storeId)
    {
        await RequireStoreAsync(merchantId, storeId);
        return await ListAsync(storeId);
    }

    public async Task<StorePhotoView> AddAsync(Guid merchantId, Guid storeId, Guid fileId)
    {
        await RequireStoreAsync(merchantId, storeId);
        if (!await db.UploadedFiles.AnyAsync(f => f.Id == fileId && f.MerchantId == merchantId && f.Purpose == UploadPurpose.StorePhoto))
        {
            throw Validation.Single("fileId", "Upload the photo first (purpose StorePhoto) and attach its id.", "请先上传门店照片（用途 StorePhoto），再添加。");
        }

        var photos = await db.StorePhotos.Where(p => p.StoreId == storeId).Select(p => p.SortOrder).ToListAsync();
        if (photos.Count >= MaxPerStore)
        {
            throw Validation.Single("fileId", $"A store has at most {MaxPerStore} photos.", $"每个门店最多 {MaxPerStore} 张照片。");
        }

        var photo = new StorePhoto
        {
            Id = Guid.CreateVersion7(), StoreId = storeId, MerchantId = merchantId, FileId = fileId,
            SortOrder = photos.Count == 0 ? 0 : photos.Max() + 1, CreatedAt = clock.GetUtcNow(),
        };
        db.StorePhotos.Add(photo);
        await db.SaveChangesAsync();
        return StorePhotoView.From(photo);
    }

    /// <summary>Uploads an image and adds it to the store in one step (the photos page).</summary>
    public async Task<StorePhotoView> UploadAsync(Guid uploaderId, Guid merchantId, Guid storeId, IFormFile? file)
    {
        await RequireStoreAsync(merchantId, storeId);
        var uploaded = await uploads.SaveAsync(uploaderId, merchantId, UploadPurpose.StorePhoto, file);
        return await AddAsync(merchantId, storeId, uploaded.Id);
    }

    /// <summary>Puts the store's photos in the given order; the list must name every photo of the store once.</summary>
    public async Task<List<StorePhotoView>> ReorderAsync(Guid merchantId, Guid storeId, IReadOnlyList<Guid>? photoIds)
    {
        await RequireStoreAsync(merchantId, storeId);
        var photos = await db.StorePhotos.Where(p => p.StoreId == storeId).ToListAsync();
        if (photoIds is null || photoIds.Count != photos.Count || !photos.All(p => photoIds.Contains(p.Id)))
        {
            throw Validation.Single("photoIds", "List every photo of the store exactly once.", "请按新顺序列出该门店的全部照片，每张一次。");
        }

        foreach (var photo in photos)
        {
            photo.SortOrder = photoIds.ToList().IndexOf(photo.Id);
        }

        await db.SaveChangesAsync();
        return await ListAsync(storeId);
    }

    /// <summary>Moves one photo a place earlier (-1) or later (+1): the photos page's arrows.</summary>
    public async Task MoveAsync(Guid merchantId, Guid storeId, Guid photoId, int step)
    {
        var order = (await OfMerchantStoreAsync(merchantId, storeId)).Select(p => p.Id).ToList();
        var index = order.IndexOf(photoId);
        var target = index + Math.Sign(step);
        if (index < 0)
        {
            throw DomainException.NotFound("Photo", "照片");
        }

        if (target >= 0 && target < order.Count)
        {
            (order[index], order[target]) = (order[target], order[index]);
            await ReorderAsync(merchantId, storeId, order);
        }
    }

    public async Task DeleteAsync(Guid merchantId, Guid storeId, Guid photoId)
    {
        await RequireStoreAsync(merchantId, storeId);
        var deleted = await db.StorePhotos.Where(p => p.Id == photoId && p.StoreId == storeId && p.MerchantId == merchantId).ExecuteDeleteAsync();
        if (deleted == 0)
        {
            throw DomainException.NotFound("Photo", "照片");
        }
    }

    private async Task<List<StorePhotoView>> ListAsync(Guid storeId) =>
        (await db.StorePhotos.AsNoTracking().Where(p => p.StoreId == storeId).OrderBy(p => p.SortOrder).ThenBy(p => p.CreatedAt).ToListAsync())
            .Select(StorePhotoView.From).ToList();

    private async Task RequireStoreAsync(Guid merchantId, Guid storeId)
    {
        if (!await db.Stores.AnyAsync(s => s.Id == storeId && s.MerchantId == merchantId))
        {
            throw DomainException.NotFound("Store", "门店");
        }
    }
}
