using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

public enum SearchSort
{
    Distance,
    Rating,
    Sales,
    Price,
}

public sealed record StoreSearchQuery(GeoPoint Position, double RadiusKm, string? Category, string? Keyword, bool OpenNow, SearchSort Sort, int Page, int PageSize);

public sealed record StoreHit(Guid StoreId, string StoreName, Guid MerchantId, string MerchantName, string Category, double DistanceKm, bool OpenNow,
    double? AverageRating, int ReviewCount, int Sales, long? FromPriceFen, List<string> MatchingTitles);

public sealed record StoreSearchPage(List<StoreHit> Items, int Page, int PageSize, int Total);

/// <summary>
/// Nearby stores from <see cref="StoreSearchDoc"/>: the latitude bands and longitude range of the radius's box select a
/// few contiguous runs of rows (the table's key), category and keyword narrow them in the same statement, and the exact
/// distance, "open now" and the order are computed here on the few thousand rows left at most.
/// </summary>
public sealed class StoreSearch(AppDbContext db, TimeProvider clock)
{
    public const double DefaultRadiusKm = 5;
    public const double MaxRadiusKm = 50;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;
    public const int MaxPage = 500;
    public const int MaxKeywordLength = 30;
    public const int MatchingTitlesShown = 3;

    /// <summary>Checks a search as a consumer typed it; every problem is reported at once, in English and Chinese.</summary>
    public async Task<StoreSearchQuery> ParseAsync(double? lat, double? lng, double? radiusKm, string? category, string? keyword, bool? openNow,
        string? sort, int? page, int? pageSize)
    {
        if (lat is null || lng is null)
        {
            throw Validation.Single("lat", "Give your position as lat and lng.", "请用 lat 和 lng 提供你的位置。");
        }

        var position = new GeoPoint(lat.Value, lng.Value);
        var errors = new Validation();
        var radius = radiusKm ?? DefaultRadiusKm;
        errors.Check("radiusKm", double.IsFinite(radius) && radius is > 0 and <= MaxRadiusKm,
            $"Radius must be more than 0 and at most {MaxRadiusKm} km.", $"搜索半径须大于 0 且不超过 {MaxRadiusKm} 公里。");
        category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        errors.Check("category", category is null || (category.Length <= 64 && await db.CategoryNodes.AnyAsync(c => c.Code == category && c.IsActive)),
            "Unknown category.", "没有这个类目，请从列表中选择。");
        keyword = string.IsNullOrWhiteSpace(keyword) ? null : keyword.Trim();
        errors.Check("q", keyword is null || keyword.Length <= MaxKeywordLength,
            $"The keyword must be at most {MaxKeywordLength} characters.", $"关键词不能超过 {MaxKeywordLength} 个字。");
        var order = string.IsNullOrEmpty(sort) ? SearchSort.Distance
            : Enum.GetValues<SearchSort>().Cast<SearchSort?>().FirstOrDefault(s => string.Equals(s.ToString(), sort, StringComparison.OrdinalIgnoreCase));
        errors.Check("sort", order is not null,
            "Sort by distance, rating, sales or price.", "排序方式须为 distance（距离）、rating（评分）、sales（销量）或 price（价格）。");
        errors.Check("page", page is null or (>= 1 and <= MaxPage), $"Page must be 1 to {MaxPage}.", $"页码须为 1 到 {MaxPage}。");
        errors.Check("pageSize", pageSize is null or (>= 1 and <= MaxPageSize),
            $"Page size must be 1 to {MaxPageSize}.", $"每页条数须为 1 到 {MaxPageSize}。");
        errors.ThrowIfAny();
        return new StoreSearchQuery(position, radius, category, keyword, openNow ?? false, order ?? SearchSort.Distance, page ?? 1, pageSize ?? DefaultPageSize);
    }

    public async Task<StoreSearchPage> SearchAsync(StoreSearchQuery query)
    {
        var box = query.Position.BoundingBox(query.RadiusKm);
        var rows = Enumerable.Range(StoreSearchDoc.RowOf(box.MinLat), StoreSearchDoc.RowOf(box.MaxLat) - StoreSearchDoc.RowOf(box.MinLat) + 1).ToList();
        var candidates = db.StoreSearchDocs.AsNoTracking().Where(d => rows.Contains(d.LatRow)
            && d.Longitude >= box.MinLng && d.Longitude <= box.MaxLng && d.Latitude >= box.MinLat && d.Latitude <= box.MaxLat);
        if (query.Category is { } category)
        {
            var framed = "|" + category + "|";
            candidates = candidates.Where(d => d.CategoryCodes.Contains(framed));
        }

        var keyword = string.IsNullOrWhiteSpace(query.Keyword) ? null : SearchIndex.Normalize(query.Keyword);
        if (keyword is not null)
        {
            // A substring of the lower-cased text. PostgreSQL may answer it from the trigram index when the keyword has
            // three characters or more and the planner prefers it; shorter keywords, and SQLite, are checked on the
            // rows the position already selected.
            var pattern = "%" + keyword.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            candidates = candidates.Where(d => EF.Functions.Like(d.SearchText, pattern, "\\"));
        }

        var found = await candidates
            .Select(d => new Candidate(d.StoreId, d.Latitude, d.Longitude, d.AverageRating, d.Sales, d.MinPriceFen, d.Hours))
            .ToListAsync();

        var now = clock.GetUtcNow();
        var matches = found
            .Select(c => (Candidate: c, Distance: query.Position.DistanceKmTo(new GeoPoint(c.Latitude, c.Longitude))))
            .Where(x => x.Distance <= query.RadiusKm)
            .Where(x => !query.OpenNow || StoreHoursText.Read(x.Candidate.Hours).IsOpenAt(now))
            .ToList();
        var ordered = query.Sort switch
        {
            SearchSort.Rating => matches.OrderByDescending(x => x.Candidate.AverageRating ?? -1).ThenBy(x => x.Distance),
            SearchSort.Sales => matches.OrderByDescending(x => x.Candidate.Sales).ThenBy(x => x.Distance),
            SearchSort.Price => matches.OrderBy(x => x.Candidate.MinPriceFen ?? long.MaxValue).ThenBy(x => x.Distance),
            _ => matches.OrderBy(x => x.Distance),
        };
        var page = ordered.ThenBy(x => x.Candidate.StoreId).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();

        var ids = page.Select(x => x.Candidate.StoreId).ToList();
        var details = await (from d in db.StoreSearchDocs
                             join t in db.StoreSearchTitles on d.StoreId equals t.StoreId
                             where ids.Contains(d.StoreId)
                             select new { d.StoreId, d.StoreName, d.MerchantId, d.MerchantName, d.Category, t.Titles, d.ReviewCount })
            .AsNoTracking().ToDictionaryAsync(d => d.StoreId);
        var items = page.Select(x =>
        {
            var c = x.Candidate;
            var d = details[c.StoreId];
            var titles = d.Titles.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var shown = (keyword is null ? titles : titles.Where(t => t.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
                .Take(MatchingTitlesShown).ToList();
            return new StoreHit(c.StoreId, d.StoreName, d.MerchantId, d.MerchantName, d.Category, Math.Round(x.Distance, 2),
                StoreHoursText.Read(c.Hours).IsOpenAt(now), c.AverageRating, d.ReviewCount, c.Sales, c.MinPriceFen, shown);
        }).ToList();
        return new StoreSearchPage(items, query.Page, query.PageSize, matches.Count);
    }

    private sealed record Candidate(Guid StoreId, double Latitude, double Longitude, double? AverageRating, int Sales, long? MinPriceFen, string Hours);
}
