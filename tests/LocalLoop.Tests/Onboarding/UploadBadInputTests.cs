using System.Net.Http.Json;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Onboarding;

/// <summary>
/// Uploads accept only real PNG, JPEG and WebP images up to the size limit, decided by the content's first bytes;
/// everything else is refused with problem details in English and Chinese. Files are served with their detected type.
/// </summary>
public sealed class UploadBadInputTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Oversized_empty_missing_and_disguised_files_are_refused(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync(0);
        var oversized = new byte[5 * 1024 * 1024 + 1];
        TestImages.Png.CopyTo(oversized, 0);
        var html = "<html><script>alert(1)</script></html>"u8.ToArray();

        (await UploadProblemAsync(consumer.Client, "MerchantLicence", oversized, "big.png")).ShouldContainChinese("5 MB");
        (await UploadProblemAsync(consumer.Client, "MerchantLicence", [], "empty.png")).ShouldContainChinese("请选择");
        (await UploadProblemAsync(consumer.Client, "MerchantLicence", null, "none.png")).ShouldContainChinese("请选择");
        (await UploadProblemAsync(consumer.Client, "MerchantLicence", "just some notes"u8.ToArray(), "notes.png")).ShouldContainChinese("PNG");
        (await UploadProblemAsync(consumer.Client, "MerchantDocument", html, "page.jpg", "image/jpeg")).ShouldContainChinese("PNG");
        // A GIF is an image, but not one we accept.
        (await UploadProblemAsync(consumer.Client, "MerchantDocument", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray(), "a.gif", "image/gif")).ShouldContainChinese("WebP");

        (await app.WithDbAsync(db => Task.FromResult(db.UploadedFiles.Count(f => f.OwnerUserId == consumer.Id)))).ShouldBe(0, "nothing was stored");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_wrong_or_missing_purpose_is_refused_and_store_photos_need_a_merchant(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync(0);

        foreach (var purpose in new[] { "avatar", "", "1", "../../etc" })
        {
            (await UploadProblemAsync(consumer.Client, purpose, TestImages.Png, "a.png")).ShouldContainChinese("用途");
        }

        await UploadProblemAsync(consumer.Client, null, TestImages.Png, "a.png");
        using var form = TestImages.Form("StorePhoto", TestImages.Png);
        await consumer.Client.PostAsync("/api/uploads", form).ShouldBeProblemAsync(403, "forbidden");
        using var anonymousForm = TestImages.Form("MerchantLicence", TestImages.Png);
        (await app.Anonymous().PostAsync("/api/uploads", anonymousForm)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Files_are_served_with_the_detected_type_nosniff_and_inline_whatever_the_client_claimed(string database)
    {
        var app = await fixture.For(database);
        var consumer = await new Scenario(app).NewConsumerAsync(0);

        // A JPEG sent as "photo.png" with a GIF content type is still a JPEG.
        var jpeg = await Scenario.UploadAsync(consumer.Client, "MerchantDocument", TestImages.Jpeg, "photo.png", "image/gif");
        var png = await Scenario.UploadAsync(consumer.Client, "MerchantLicence", TestImages.Png, "../../../licence.png");

        foreach (var (id, type, bytes) in new[] { (jpeg, "image/jpeg", TestImages.Jpeg), (png, "image/png", TestImages.Png) })
        {
            var response = await consumer.Client.GetAsync($"/files/{id}");
            await response.ShouldHaveStatusAsync(200);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type);
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
            response.Headers.CacheControl!.Private.ShouldBeTrue("a private document is cached only by its viewer");
            (await response.Content.ReadAsByteArrayAsync()).SequenceEqual(bytes).ShouldBeTrue("the bytes come back unchanged");
        }

        var stored = await app.WithDbAsync(db => Task.FromResult(db.UploadedFiles.Single(f => f.Id == png)));
        stored.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestImages.Png)));
        stored.Visibility.ShouldBe(LocalLoop.Platform.Uploads.FileVisibility.Private);
        await (await consumer.Client.GetAsync($"/files/{Guid.NewGuid()}")).ShouldHaveStatusAsync(404);
    }

    private static async Task<ProblemText> UploadProblemAsync(HttpClient client, string? purpose, byte[]? content, string fileName, string contentType = "image/png")
    {
        using var form = TestImages.Form(purpose, content, fileName, contentType);
        var response = await client.PostAsync("/api/uploads", form);
        await response.ShouldHaveStatusAsync(400);
        var problem = await response.Content.ReadFromJsonAsync<ProblemText>();
        problem!.Code.ShouldBe("validation_failed");
        return problem;
    }
}

internal sealed record ProblemText(string Code, string Detail, string DetailZh)
{
    public void ShouldContainChinese(string fragment) =>
        (DetailZh + " " + Detail).Contains(fragment, StringComparison.Ordinal).ShouldBeTrue($"'{fragment}' in '{DetailZh}' / '{Detail}'");
}
