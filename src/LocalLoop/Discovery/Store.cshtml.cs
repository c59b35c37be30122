using System.Globalization;
using LocalLoop.Merchants;
using LocalLoop.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Discovery;

/// <summary>A store for consumers. The distance is shown when the position is known: lat/lng, or a picked city area, as on the home page.</summary>
public sealed class StoreModel(StorePage stores, StoreGoods storeGoods, StorePhotos photos, RecentViews recent) : PageModel
{
    public StoreDetails Store { get; private set; } = null!;

    public List<StorePhotoView> Photos { get; private set; } = [];

    /// <summary>The page of the store's goods shown (<c>?goods=2</c> for the second).</summary>
    public StoreGoodsPage Goods { get; private set; } = new([], 1, false);

    public async Task<IActionResult> OnGetAsync(Guid id, string? lat, string? lng, string? city, int? goods)
    {
        if (await stores.LoadAsync(id, PositionFrom(lat, lng, city)) is not { } store)
        {
            return NotFound();
        }

        Store = store;
        Photos = await photos.PublicAsync(id);
        Goods = await storeGoods.ForStoreAsync(id, store.MerchantId, goods ?? 1);
        await recent.RecordAsync(RecentViewKind.Store, id);
        return Page();
    }

    /// <summary>Another page of the goods, keeping the position the store was opened with (and so its distance).</summary>
    public string GoodsPageLink(int page)
    {
        var query = Request.Query.Where(q => q.Key is "lat" or "lng" or "city")
            .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))
            .Append(KeyValuePair.Create("goods", (string?)page.ToString(CultureInfo.InvariantCulture)));
        return QueryString.Create(query) + "#store-products";
    }

    private static GeoPoint? PositionFrom(string? lat, string? lng, string? city) =>
        double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
        && double.TryParse(lng, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
        && GeoPoint.IsValid(latitude, longitude)
            ? new GeoPoint(latitude, longitude)
            : Cities.Find(city)?.Point;
}
