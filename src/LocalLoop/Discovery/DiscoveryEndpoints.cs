using LocalLoop.Platform;

namespace LocalLoop.Discovery;

/// <summary>Demo cities a consumer can pick instead of sharing the browser's position.</summary>
public static class Cities
{
    public static readonly IReadOnlyList<City> All =
    [
        new("shanghai", "Shanghai · People's Square", "上海 · 人民广场", 31.2304, 121.4737),
        new("shanghai-lujiazui", "Shanghai · Lujiazui", "上海 · 陆家嘴", 31.2397, 121.4998),
        new("shanghai-xujiahui", "Shanghai · Xujiahui", "上海 · 徐家汇", 31.1950, 121.4365),
    ];

    public static City Default => All[0];

    public static City? Find(string? code) => All.FirstOrDefault(c => c.Code == code);
}

public sealed record City(string Code, string English, string Chinese, double Latitude, double Longitude)
{
    public GeoPoint Point => new(Latitude, Longitude);

    public string Name(bool chinese) => chinese ? Chinese : English;
}

public static class DiscoveryEndpoints
{
    public static void MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Discovery");
        group.MapGet("/deals/nearby", async (double? lat, double? lng, double? radiusKm, string? category, int? page, int? pageSize, NearbySearch search) =>
        {
            if (lat is null || lng is null)
            {
                throw Validation.Single("lat", "Give your position as lat and lng.", "请用 lat 和 lng 提供你的位置。");
            }

            var position = new GeoPoint(lat.Value, lng.Value);
            return TypedResults.Ok(await search.DealsNearAsync(position, radiusKm ?? NearbySearch.DefaultRadiusKm, category, page ?? 1, pageSize ?? 20));
        });
        group.MapGet("/cities", () => TypedResults.Ok(Cities.All));
        group.MapGet("/stores/{id:guid}", async (Guid id, double? lat, double? lng, StorePage stores) =>
            await stores.LoadAsync(id, lat is null || lng is null ? null : new GeoPoint(lat.Value, lng.Value)) is { } store
                ? TypedResults.Ok(store)
                : throw DomainException.NotFound("Store", "门店"));
    }
}
