using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Platform.Uploads;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>A store's photos for its owner or manager: upload, move earlier or later, delete.</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class StorePhotosPageModel(StorePhotos photos, StoreManagement stores, ImageUploads uploads, CurrentUser user) : PageModel
{
    public Store Store { get; private set; } = null!;

    public List<Store> OtherStores { get; private set; } = [];

    public List<StorePhotoView> Photos { get; private set; } = [];

    public double MaxMegabytes => uploads.MaxBytes / (1024.0 * 1024.0);

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? photo) =>
        ActAsync(id, () => photos.UploadAsync(user.RequiredId, user.RequiredMerchantId, id, photo), "onboard.photos.uploaded");

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid photoId, int step) =>
        ActAsync(id, () => photos.MoveAsync(user.RequiredMerchantId, id, photoId, step), null);

    public Task<IActionResult> OnPostDeleteAsync(Guid id, Guid photoId) =>
        ActAsync(id, () => photos.DeleteAsync(user.RequiredMerchantId, id, photoId), "onboard.photos.deleted");

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string? done)
    {
        try
        {
            await action();
            Done = done;
            return RedirectToPage(new { id });
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
            return await LoadAsync(id) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var all = await stores.StoresAsync(user.RequiredMerchantId);
        if (all.FirstOrDefault(s => s.Id == id) is not { } store)
        {
            return false;
        }

        Store = store;
        OtherStores = all.Where(s => s.Id != id).ToList();
        Photos = await photos.OfMerchantStoreAsync(user.RequiredMerchantId, id);
        return true;
    }
}
