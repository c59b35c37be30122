using System.Net.Http.Json;
using Xunit;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>Theory data that runs every case on every available database, so each case is its own test result.</summary>
public static class Cases
{
    public static TheoryData<string, string> OnEachDatabase(params string[] cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var database in TestDatabases.All)
        {
            foreach (var @case in cases)
            {
                data.Add(database, @case);
            }
        }

        return data;
    }

    /// <summary>Sends "GET /path" or "POST /path" with an optional JSON body; used by tests that walk a list of endpoints.</summary>
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, string methodAndPath, object? body = null)
    {
        var (method, path) = methodAndPath.Split(' ', 2) switch
        {
            [var m, var p] => (new HttpMethod(m), p),
            _ => throw new ArgumentException($"Expected 'METHOD /path' but got '{methodAndPath}'.", nameof(methodAndPath)),
        };
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }

        return client.SendAsync(request);
    }
}
