using System.Text;
using QRCoder;

namespace LocalLoop.BrowserTests;

/// <summary>
/// A video file for Chromium's fake camera (<c>--use-file-for-fake-video-capture</c>): a QR code of the given text,
/// black modules on white, drawn straight into the luma plane of a Y4M (YUV 4:2:0) video, as a phone camera would
/// see a voucher on the customer's screen.
/// </summary>
public static class FakeCamera
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Frames = 5;

    public static string WriteQrVideo(string text, string folder)
    {
        using var generator = new QRCodeGenerator();
        using var qr = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = qr.ModuleMatrix; // includes the quiet zone
        var size = modules.Count;
        var scale = Math.Min(Width, Height) * 3 / 4 / size;
        var left = (Width - size * scale) / 2;
        var top = (Height - size * scale) / 2;

        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)235);
        for (var y = 0; y < size * scale; y++)
        {
            for (var x = 0; x < size * scale; x++)
            {
                if (modules[y / scale][x / scale])
                {
                    luma[(top + y) * Width + left + x] = 16;
                }
            }
        }

        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        var path = Path.Combine(folder, $"qr-{Guid.NewGuid():N}.y4m");
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F15:1 Ip A1:1 C420jpeg\n"));
        for (var frame = 0; frame < Frames; frame++)
        {
            file.Write("FRAME\n"u8);
            file.Write(luma);
            file.Write(chroma); // U
            file.Write(chroma); // V
        }

        return path;
    }
}
