using System.Net.Http.Json;
using LocalLoop.Ads;
using LocalLoop.Tests.Infrastructure;

namespace LocalLoop.Tests.Stores;

internal static class AdSteps
{
    /// <summary>Each test its own city-less slot would not exist, so tests use their own slot/city pair: a unique title tells ads apart.</summary>
    public static AdRequest StoreAd(TestApp app, Guid storeId, string title, int sortOrder = 0, string slot = "category_top", string city = "shanghai-xujiahui") =>
        new(slot, city, "Store", storeId, null, title, "/img/ads/banner-1.svg", app.Clock.GetUtcNow().AddHours(-1), app.Clock.GetUtcNow().AddDays(7), sortOrder);

    public static Task<AdPlacementView> CreateAsync(HttpClient operatorClient, AdRequest request) =>
        operatorClient.PostAsJsonAsync("/api/admin/ads", request).ShouldReturnAsync<AdPlacementView>(201);
}
