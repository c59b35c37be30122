using System.Globalization;
using LocalLoop.Catalog;
using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

/// <summary>
/// The consumer's home: approved deals near a position (the browser's, or a picked city), nearest first; and, once the
/// consumer searches (a keyword, a subcategory, open now or another order), the nearby stores that match.
/// </summary>
public sealed class IndexModel(NearbySearch search, StoreSearch stores, AppDbContext db, Text text) : PageModel
{
    public const int PageSize = 20;

    public NearbyPage? Results { get; private set; }

    /// <summary>Store search results; null while the page shows deals.</summary>
    public StoreSearchPage? Stores { get; private set; }

    public string? Keyword { get; private set; }

    public bool OpenNow { get; private set; }

    public SearchSort Sort { get; private set; }

    /// <summary>The chosen top-level category (the parent of a chosen subcategory) and its children, for the second row of chips.</summary>
    public string? TopCategory { get; private set; }

    public List<CategoryNode> Subcategories { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The picked city; null when the position came from lat/lng.</summary>
    public City? City { get; private set; }

    public GeoPoint Position { get; private set; }

    /// <summary>The position as a store link carries it, so the store page can show its distance.</summary>
    public string PositionQuery => City is { } city
        ? "?city=" + Uri.EscapeDataString(city.Code)
        : string.Create(CultureInfo.InvariantCulture, $"?lat={Position.Latitude}&lng={Position.Longitude}");

    public string? Category { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Results is null ? 0 : Math.Max(1, (Results.Total + PageSize - 1) / PageSize);

    // "page" is also Razor Pages' route value (the page's path), so the page number must be read from the query explicitly.
    public async Task OnGetAsync(string? lat, string? lng, string? city, string? category, [FromQuery(Name = "page")] int? pageNumber,
        string? q, bool? openNow, string? sort, string? mode)
    {
        PageNumber = Math.Max(1, pageNumber ?? 1);
        Category = string.IsNullOrEmpty(category) ? null : category;
        Keyword = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        OpenNow = openNow ?? false;
        Sort = Enum.TryParse<SearchSort>(sort, ignoreCase: true, out var order) && Enum.IsDefined(order) ? order : SearchSort.Distance;
        var searching = mode == "stores" || Keyword is not null || OpenNow || Sort != SearchSort.Distance || Category?.Contains('.') == true;
        var node = Category is null ? null : await db.CategoryNodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == Category && c.IsActive);
        if (Category is not null && (node is null || (!searching && !Categories.Exists(Category))))
        {
            Error = text["consumer.home.badCategory"];
            Category = null;
        }

        TopCategory = node?.ParentCode ?? node?.Code;
        if (TopCategory is not null)
        {
            Subcategories = await db.CategoryNodes.AsNoTracking().Where(c => c.ParentCode == TopCategory && c.IsActive).OrderBy(c => c.SortOrder).ToListAsync();
        }

        City = Cities.Find(city) ?? Cities.Default;
        Position = City.Point;
        if (!string.IsNullOrEmpty(lat) || !string.IsNullOrEmpty(lng))
        {
            if (TryParsePosition(lat, lng, out var position))
            {
                Position = position;
                City = null;
            }
            else
            {
                Error = text["consumer.home.badPosition"];
            }
        }

        try
        {
            if (searching)
            {
                var query = StoreSearch.Parse(Position.Latitude, Position.Longitude, StoreSearch.DefaultRadiusKm, Category,
                    Keyword?.Length > StoreSearch.MaxKeywordLength ? Keyword[..StoreSearch.MaxKeywordLength] : Keyword, OpenNow, Sort.ToString(),
                    Math.Min(PageNumber, StoreSearch.MaxPage), PageSize);
                Stores = await stores.SearchAsync(query);
            }
            else
            {
                Results = await search.DealsNearAsync(Position, NearbySearch.DefaultRadiusKm, Category, PageNumber, PageSize);
            }
        }
        catch (DomainException ex)
        {
            Error = ex.MessageIn(Text.IsChinese);
        }
    }

    public bool Searching => Stores is not null;

    /// <summary>This page's address with some parameters changed; position, category and (while searching) the search are kept.</summary>
    public string Link(string? category = null, int? page = null, bool keepCategory = true, bool? search = null)
    {
        var query = new List<string>();
        if (City is null)
        {
            query.Add("lat=" + Position.Latitude.ToString("0.#####", CultureInfo.InvariantCulture));
            query.Add("lng=" + Position.Longitude.ToString("0.#####", CultureInfo.InvariantCulture));
        }
        else if (City != Cities.Default)
        {
            query.Add("city=" + Uri.EscapeDataString(City.Code));
        }

        var chosen = keepCategory ? category ?? Category : category;
        if (!string.IsNullOrEmpty(chosen))
        {
            query.Add("category=" + Uri.EscapeDataString(chosen));
        }

        if (search ?? Searching)
        {
            query.Add("mode=stores");
            if (Keyword is not null)
            {
                query.Add("q=" + Uri.EscapeDataString(Keyword));
            }

            if (OpenNow)
            {
                query.Add("openNow=true");
            }

            if (Sort != SearchSort.Distance)
            {
                query.Add("sort=" + Sort.ToString().ToLowerInvariant());
            }
        }

        if (page is > 1)
        {
            query.Add("page=" + page.Value.ToString(CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? "/" : "/?" + string.Join('&', query);
    }

    private static bool TryParsePosition(string? lat, string? lng, out GeoPoint position)
    {
        position = default;
        if (double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
            && double.TryParse(lng, NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
            && GeoPoint.IsValid(latitude, longitude))
        {
            position = new GeoPoint(latitude, longitude);
            return true;
        }

        return false;
    }
}
