using System.Net.Http.Headers;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>Small images for upload tests, made here rather than read from files.</summary>
public static class TestImages
{
    /// <summary>A valid 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>The start of a JPEG (SOI and an APP0 marker) followed by padding: enough for the signature check.</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, .. new byte[64]];

    /// <summary>A RIFF/WEBP header followed by padding.</summary>
    public static readonly byte[] Webp = [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8, .. new byte[64]];

    public static MultipartFormDataContent Form(string? purpose, byte[]? content, string fileName = "image.png", string contentType = "image/png")
    {
        var form = new MultipartFormDataContent();
        if (purpose is not null)
        {
            form.Add(new StringContent(purpose), "purpose");
        }

        if (content is not null)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", fileName);
        }

        return form;
    }
}
