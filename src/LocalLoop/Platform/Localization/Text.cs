using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace LocalLoop.Platform.Localization;

/// <summary>UI strings of one capability, in Chinese and English. Each capability keeps its own next to its pages.</summary>
public interface ITextSource
{
    IEnumerable<(string Key, string Zh, string En)> Entries { get; }
}

/// <summary>
/// The UI's translations: <c>T["key"]</c> gives the string in the request's culture (zh-CN by default, en by switch).
/// An unknown key shows itself, so a missing translation is visible rather than blank.
/// </summary>
public sealed class Text
{
    private readonly Dictionary<string, (string Zh, string En)> _entries = new(StringComparer.Ordinal);

    public Text()
    {
        var sources = typeof(Text).Assembly.GetTypes()
            .Where(t => typeof(ITextSource).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (ITextSource)Activator.CreateInstance(t)!);
        foreach (var source in sources)
        {
            foreach (var (key, zh, en) in source.Entries)
            {
                if (!_entries.TryAdd(key, (zh, en)))
                {
                    throw new InvalidOperationException($"UI text key '{key}' is defined twice.");
                }
            }
        }
    }

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public string this[string key] => _entries.TryGetValue(key, out var text) ? (IsChinese ? text.Zh : text.En) : key;

    public string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public IReadOnlyCollection<string> Keys => _entries.Keys;
}

public static class LanguageSwitch
{
    /// <summary><c>/lang/en?returnUrl=/deals</c> stores the choice in a cookie and goes back.</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/lang/{culture}", (string culture, string? returnUrl, HttpResponse response) =>
        {
            var chosen = culture == "en" ? "en" : "zh-CN";
            response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            var target = IsLocal(returnUrl) ? returnUrl! : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();

    /// <summary>A path on this site: "/x", but not "//host" or "/\\host", which browsers treat as another site.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
