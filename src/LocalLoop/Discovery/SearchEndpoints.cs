namespace LocalLoop.Discovery;

public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search/nearby", async (double? lat, double? lng, double? radiusKm, string? category, string? q, bool? openNow, string? sort,
                int? page, int? pageSize, StoreSearch search) =>
            TypedResults.Ok(await search.SearchAsync(StoreSearch.Parse(lat, lng, radiusKm, category, q, openNow, sort, page, pageSize))))
            .WithTags("Discovery");
    }
}
