using System.Text.Json;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Search;

/// <summary>A search with bad parameters is refused with a readable problem naming the field, in English and Chinese.</summary>
public sealed class SearchBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Position = "lat=31.2304&lng=121.4737";

    public static TheoryData<string, string> OutOfRangeCoordinates => Cases.OnEachDatabase("lat=91&lng=121.47", "lat=31.23&lng=181", "lat=-90.5&lng=0", "lat=NaN&lng=0");

    [Theory]
    [MemberData(nameof(OutOfRangeCoordinates))]
    public async Task Coordinates_outside_the_globe_are_refused(string database, string query)
    {
        var app = await fixture.For(database);

        await app.Anonymous().GetAsync($"/api/search/nearby?{query}").ShouldBeProblemAsync(400, "invalid_coordinates");
    }

    public static TheoryData<string, string> BadParameters => Cases.OnEachDatabase(
        "lng=121.47", "radiusKm=0", "radiusKm=-1", "radiusKm=50.5", "sort=popular", "sort=1", "pageSize=0", "pageSize=51", "page=0", "page=501",
        "category=nosuch", "q=" + new string('火', 31));

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task Bad_radius_sort_paging_category_or_keyword_is_refused_with_the_field_named(string database, string query)
    {
        var app = await fixture.For(database);
        var field = query[..query.IndexOf('=')];
        var url = field == "lng" ? $"/api/search/nearby?{query}" : $"/api/search/nearby?{Position}&{query}";

        var response = await (await app.Anonymous().GetAsync(url)).ShouldHaveStatusAsync(400);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe("validation_failed");
        var named = field == "lng" ? "lat" : field;
        problem.RootElement.GetProperty("errors").TryGetProperty(named, out _).ShouldBeTrue(problem.RootElement.ToString());
        (problem.RootElement.GetProperty("errorsZh").GetProperty(named).GetString()!.Length > 0).ShouldBeTrue("the refusal is given in Chinese too");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_keyword_of_wildcards_matches_them_literally(string database)
    {
        var app = await fixture.For(database);

        var page = await app.Anonymous().GetAsync($"/api/search/nearby?{Position}&q=%25_%5C").ShouldReturnAsync<Discovery.StoreSearchPage>();
        page.Total.ShouldBe(0);
    }
}
