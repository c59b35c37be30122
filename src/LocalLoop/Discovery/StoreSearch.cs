using System.Data.Common;
using System.Globalization;
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
/// Nearby stores from <see cref="StoreSearchDoc"/>, in one statement: the latitude bands and longitude range of the
/// radius's box select a few contiguous runs of rows (the table's key), category and keyword narrow them, a flat-earth
/// distance (<see cref="FlatDistance"/>) cuts the box to the circle and orders the rows, and the database returns only
/// the page with the total beside it. "Open now" depends on each store's hours and time zone, so those searches take
/// the candidates' hours and filter, order and page here.
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

    private static readonly (string En, string Zh) UnknownCategory = ("Unknown category.", "没有这个类目，请从列表中选择。");

    private const string HitColumns = """
        d."StoreId", d."StoreName", d."MerchantId", d."MerchantName", d."Category", d."Latitude", d."Longitude",
        d."AverageRating", d."ReviewCount", d."Sales", d."MinPriceFen", d."Hours"
        """;

    /// <summary>
    /// Checks a search as a consumer typed it; every problem is reported at once, in English and Chinese. Whether the
    /// category exists is checked only when a search finds nothing (<see cref="SearchAsync"/>), to spare the common case
    /// a query.
    /// </summary>
    public static StoreSearchQuery Parse(double? lat, double? lng, double? radiusKm, string? category, string? keyword, bool? openNow,
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
        errors.Check("category", category is null || category.Length <= 64, UnknownCategory.En, UnknownCategory.Zh);
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
        var keyword = query.Keyword is null ? null : SearchIndex.Normalize(query.Keyword);
        var now = clock.GetUtcNow();
        await db.Database.OpenConnectionAsync();
        try
        {
            var filter = new Filter(query, keyword);
            var (hits, total) = query.OpenNow ? await OpenNowPageAsync(filter, now) : await RankedPageAsync(filter);
            if (total == 0 && query.Category is { } category && !await db.CategoryNodes.AnyAsync(c => c.Code == category && c.IsActive))
            {
                throw Validation.Single("category", UnknownCategory.En, UnknownCategory.Zh);
            }

            var items = hits.Select(h => h.ToStoreHit(query.Position, keyword, now)).ToList();
            return new StoreSearchPage(items, query.Page, query.PageSize, total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Without "open now" the database filters, counts, orders and pages; only the page's rows come back.</summary>
    private async Task<(List<Hit> Hits, int Total)> RankedPageAsync(Filter filter)
    {
        var query = filter.Query;
        await using var command = filter.Command(db, $"""
            SELECT p.*, t."Titles" FROM (
                SELECT {HitColumns}, {Filter.Distance} AS "Distance2", COUNT(*) OVER () AS "Total"
                FROM "StoreSearchDocs" d
                WHERE {filter.Where}
                ORDER BY {OrderBy(query.Sort)}
                LIMIT {query.PageSize} OFFSET {(query.Page - 1) * query.PageSize}) p
            LEFT JOIN "StoreSearchTitles" t ON t."StoreId" = p."StoreId"
            ORDER BY {OrderBy(query.Sort, "p")}
            """);
        var hits = new List<Hit>();
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                hits.Add(Hit.Read(reader));
                total = reader.GetInt32(reader.GetOrdinal("Total"));
            }
        }

        if (hits.Count == 0 && query.Page > 1)
        {
            // Past the last page the window has no row to carry the total.
            await using var count = filter.Command(db, $"""SELECT COUNT(*) FROM "StoreSearchDocs" d WHERE {filter.Where}""");
            total = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        return (hits, total);
    }

    /// <summary>"Open now" is decided here from each candidate's hours; then the page's rows are read in full.</summary>
    private async Task<(List<Hit> Hits, int Total)> OpenNowPageAsync(Filter filter, DateTimeOffset now)
    {
        var query = filter.Query;
        var open = new List<Candidate>();
        await using (var command = filter.Command(db, $"""
            SELECT d."StoreId", {Filter.Distance} AS "Distance2", d."AverageRating", d."Sales", d."MinPriceFen", d."Hours"
            FROM "StoreSearchDocs" d WHERE {filter.Where}
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (StoreHoursText.Read(reader.GetString(5)).IsOpenAt(now))
                {
                    open.Add(new Candidate(reader.GetGuid(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetInt32(3),
                        reader.IsDBNull(4) ? null : reader.GetInt64(4)));
                }
            }
        }

        var ordered = query.Sort switch
        {
            SearchSort.Rating => open.OrderByDescending(c => c.AverageRating ?? -1).ThenBy(c => c.Distance2),
            SearchSort.Sales => open.OrderByDescending(c => c.Sales).ThenBy(c => c.Distance2),
            SearchSort.Price => open.OrderBy(c => c.MinPriceFen ?? long.MaxValue).ThenBy(c => c.Distance2),
            _ => open.OrderBy(c => c.Distance2),
        };
        var page = ordered.ThenBy(c => c.StoreId).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(c => c.StoreId).ToList();
        if (page.Count == 0)
        {
            return ([], open.Count);
        }

        var ids = string.Join(", ", page.Select((_, i) => $"@id{i}"));
        await using var details = Filter.NewCommand(db, $"""
            SELECT {HitColumns}, t."Titles" FROM "StoreSearchDocs" d
            LEFT JOIN "StoreSearchTitles" t ON t."StoreId" = d."StoreId"
            WHERE d."StoreId" IN ({ids})
            """);
        for (var i = 0; i < page.Count; i++)
        {
            Filter.Add(details, $"@id{i}", page[i]);
        }

        var byId = new Dictionary<Guid, Hit>();
        await using (var reader = await details.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var hit = Hit.Read(reader);
                byId[hit.StoreId] = hit;
            }
        }

        return (page.Where(byId.ContainsKey).Select(id => byId[id]).ToList(), open.Count);
    }

    /// <summary>The ORDER BY of a sort; ties go to the nearer store, then to the store id so pages never overlap.</summary>
    private static string OrderBy(SearchSort sort, string? alias = null)
    {
        var a = alias is null ? "" : alias + ".";
        var nearest = $"{(alias is null ? "\"Distance2\"" : a + "\"Distance2\"")}, {a}\"StoreId\"";
        return sort switch
        {
            SearchSort.Rating => $"COALESCE({a}\"AverageRating\", -1) DESC, {nearest}",
            SearchSort.Sales => $"{a}\"Sales\" DESC, {nearest}",
            SearchSort.Price => $"COALESCE({a}\"MinPriceFen\", {long.MaxValue}) ASC, {nearest}",
            _ => nearest,
        };
    }

    /// <summary>The WHERE shared by every statement of one search, with its parameters.</summary>
    private sealed class Filter
    {
        /// <summary>The squared flat-earth distance in km² from the searched position (see <see cref="FlatDistance"/>).</summary>
        public const string Distance = """(((d."Latitude" - @lat) * @kmLat) * ((d."Latitude" - @lat) * @kmLat) + ((d."Longitude" - @lng) * @kmLng) * ((d."Longitude" - @lng) * @kmLng))""";

        private readonly List<(string Name, object Value)> parameters = [];

        public Filter(StoreSearchQuery query, string? keyword)
        {
            Query = query;
            var flat = new FlatDistance(query.Position);
            var box = query.Position.BoundingBox(query.RadiusKm);
            var firstRow = StoreSearchDoc.RowOf(box.MinLat);
            var rows = Enumerable.Range(firstRow, StoreSearchDoc.RowOf(box.MaxLat) - firstRow + 1).ToList();
            // One equality per latitude band (not a range) lets the key seek straight to the longitude range in each band.
            var where = new List<string>
            {
                $"d.\"LatRow\" IN ({string.Join(", ", rows.Select((_, i) => $"@row{i}"))})",
                "d.\"Longitude\" >= @minLng AND d.\"Longitude\" <= @maxLng AND d.\"Latitude\" >= @minLat AND d.\"Latitude\" <= @maxLat",
                $"{Distance} <= @radius2",
            };
            parameters.AddRange(rows.Select((row, i) => ($"@row{i}", (object)row)));
            parameters.AddRange([("@minLng", box.MinLng), ("@maxLng", box.MaxLng), ("@minLat", box.MinLat), ("@maxLat", box.MaxLat),
                ("@lat", query.Position.Latitude), ("@lng", query.Position.Longitude), ("@kmLat", flat.KmPerDegreeLatitude),
                ("@kmLng", flat.KmPerDegreeLongitude), ("@radius2", query.RadiusKm * query.RadiusKm)]);
            if (query.Category is { } category)
            {
                where.Add("d.\"CategoryCodes\" LIKE @category ESCAPE '\\'");
                parameters.Add(("@category", "%|" + Escape(category) + "|%"));
            }

            if (keyword is not null)
            {
                // A substring of the lower-cased text, tested only on the rows whose character signature allows it.
                var signature = CharSignature.Of(keyword);
                // CASE fixes the order: PostgreSQL would otherwise run the cheaper-looking LIKE first.
                where.Add("""
                    CASE WHEN (d."CharsLow" & @charsLow) = @charsLow AND (d."CharsHigh" & @charsHigh) = @charsHigh
                    THEN d."SearchText" LIKE @keyword ESCAPE '\' ELSE FALSE END
                    """);
                parameters.AddRange([("@charsLow", signature.Low), ("@charsHigh", signature.High), ("@keyword", "%" + Escape(keyword) + "%")]);
            }

            Where = string.Join(" AND ", where);
        }

        public StoreSearchQuery Query { get; }

        public string Where { get; }

        public DbCommand Command(AppDbContext db, string sql)
        {
            var command = NewCommand(db, sql);
            foreach (var (name, value) in parameters)
            {
                Add(command, name, value);
            }

            return command;
        }

        public static DbCommand NewCommand(AppDbContext db, string sql)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return command;
        }

        public static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
    }

    private sealed record Candidate(Guid StoreId, double Distance2, double? AverageRating, int Sales, long? MinPriceFen);

    /// <summary>One row of a result page as read from the index.</summary>
    private sealed record Hit(Guid StoreId, string StoreName, Guid MerchantId, string MerchantName, string Category, double Latitude, double Longitude,
        double? AverageRating, int ReviewCount, int Sales, long? MinPriceFen, string Hours, string? Titles)
    {
        public static Hit Read(DbDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4),
            r.GetDouble(5), r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.GetInt32(8), r.GetInt32(9), r.IsDBNull(10) ? null : r.GetInt64(10),
            r.GetString(11), r.IsDBNull(r.GetOrdinal("Titles")) ? null : r.GetString(r.GetOrdinal("Titles")));

        public StoreHit ToStoreHit(GeoPoint position, string? keyword, DateTimeOffset now)
        {
            var titles = (Titles ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var shown = (keyword is null ? titles : titles.Where(t => t.Contains(keyword, StringComparison.OrdinalIgnoreCase))).Take(MatchingTitlesShown).ToList();
            return new StoreHit(StoreId, StoreName, MerchantId, MerchantName, Category, Math.Round(position.DistanceKmTo(new GeoPoint(Latitude, Longitude)), 2),
                StoreHoursText.Read(Hours).IsOpenAt(now), AverageRating, ReviewCount, Sales, MinPriceFen, shown);
        }
    }
}
