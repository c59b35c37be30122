using System.Net;
using System.Text.RegularExpressions;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>Posts a Razor page's form as a browser would: with the antiforgery token the page rendered.</summary>
public static partial class PageForms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(html);
        token.Success.ShouldBeTrue($"{path} has a form");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return await client.PostAsync($"{path}{separator}handler={handler}", new FormUrlEncodedContent(form));
    }

    /// <summary>Posts a page's multipart form (a file input among its fields) with the antiforgery token the page rendered.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string path, Dictionary<string, string> fields, string fileField, byte[] file, string fileName)
    {
        var html = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(html);
        token.Success.ShouldBeTrue($"{path} has a form");
        using var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(file), fileField, fileName);
        return await client.PostAsync(path, form);
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
