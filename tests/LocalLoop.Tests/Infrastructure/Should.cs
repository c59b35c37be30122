using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>Small assertions that say what was expected and show the response body when HTTP goes wrong.</summary>
public static class Should
{
    public static void ShouldBe<T>(this T actual, T expected, string? because = null)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            Assert.Fail($"Expected {expected} but got {actual}{(because is null ? "" : $": {because}")}.");
        }
    }

    public static void ShouldBeEquivalentTo<T>(this IEnumerable<T> actual, IEnumerable<T> expected)
    {
        var a = actual.ToList();
        var e = expected.ToList();
        if (!a.SequenceEqual(e))
        {
            Assert.Fail($"Expected [{string.Join(", ", e)}] but got [{string.Join(", ", a)}].");
        }
    }

    public static void ShouldBeTrue(this bool actual, string? because = null) => actual.ShouldBe(true, because);

    public static async Task<HttpResponseMessage> ShouldHaveStatusAsync(this HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected HTTP {status} but got {(int)response.StatusCode} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {body}");
        }

        return response;
    }

    public static async Task<T> ShouldReturnAsync<T>(this Task<HttpResponseMessage> request, int status = 200)
    {
        var response = await (await request).ShouldHaveStatusAsync(status);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>Asserts a problem-details answer with the given status and stable code; returns its readable detail.</summary>
    public static async Task<string> ShouldBeProblemAsync(this Task<HttpResponseMessage> request, int status, string? code = null)
    {
        var response = await (await request).ShouldHaveStatusAsync(status);
        (response.Content.Headers.ContentType?.MediaType ?? "").ShouldBe("application/problem+json", "errors are problem details");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (code is not null)
        {
            problem.RootElement.GetProperty("code").GetString().ShouldBe(code);
        }

        var detail = problem.RootElement.GetProperty("detail").GetString() ?? "";
        (detail.Length > 0).ShouldBeTrue("a problem carries a readable message");
        return detail;
    }
}
