using System.Globalization;
using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Discovery;

/// <summary>The consumer's home: approved deals near a position (the browser's, or a picked city), nearest first.</summary>
public sealed class IndexModel(NearbySearch search, Text text) : PageModel
{
    public const int PageSize = 20;

    public NearbyPage? Results { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The picked city; null when the position came from lat/lng.</summary>
    public City? City { get; private set; }

    public GeoPoint Position { get; private set; }

    public string? Category { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount => Results is null ? 0 : Math.Max(1, (Results.Total + PageSize - 1) / PageSize);

    // "page" is also Razor Pages' route value (the page's path), so the page number must be read from the query explicitly.
    public async Task OnGetAsync(string? lat, string? lng, string? city, string? category, [FromQuery(Name = "page")] int? pageNumber)
    {
        PageNumber = Math.Max(1, pageNumber ?? 1);
        Category = string.IsNullOrEmpty(category) ? null : category;
        if (Category is not null && !Categories.Exists(Category))
        {
            Error = text["consumer.home.badCategory"];
            Category = null;
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
            Results = await search.DealsNearAsync(Position, NearbySearch.DefaultRadiusKm, Category, PageNumber, PageSize);
        }
        catch (DomainException ex)
        {
            Error = ex.MessageIn(Text.IsChinese);
        }
    }

    /// <summary>This page's address with some parameters changed; position and category are kept.</summary>
    public string Link(string? category = null, int? page = null, bool keepCategory = true)
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
