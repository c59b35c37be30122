using System.IO.Compression;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace LocalLoop.BrowserTests;

/// <summary>
/// Onboarding in Chromium: a new user applies with a licence image, the reviewer sees it and asks for changes,
/// the applicant reads the note and resubmits, the reviewer approves, and the owner signs in again to the console.
/// </summary>
public sealed class OnboardingBrowserTests(ITestOutputHelper output) : DemoJourney(output, "onboarding")
{
    [Fact]
    public async Task An_applicant_uploads_a_licence_is_sent_back_resubmits_and_opens_the_console()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var business = $"巷口面馆 {suffix}";
        var email = $"applicant-{suffix}@test.localloop";
        const string password = "Journey123!";
        const string note = "营业执照照片不清晰，请补充联系人手机号。";

        await JourneyAsync(async () =>
        {
            var applicant = await NewPersonAsync(mobile: false);
            await applicant.GotoAsync("/account/register");
            await applicant.FillAsync("[name='Input.DisplayName']", "申请人 小周");
            await applicant.FillAsync("[name='Input.Email']", email);
            await applicant.FillAsync("[name='Input.Password']", password);
            await applicant.Locator("form button[type=submit]").Last.ClickAsync();
            await applicant.GotoAsync("/merchant/apply");
            await applicant.FillAsync("[name='Input.BusinessName']", business);
            await applicant.FillAsync("[name='Input.LegalName']", "上海巷口餐饮有限公司");
            await applicant.FillAsync("[name='Input.LicenseNumber']", "91310104MA1G8N3K2P");
            await applicant.FillAsync("[name='Input.ContactName']", "周先生");
            await applicant.FillAsync("[name='Input.ContactPhone']", "021-64001234");
            await applicant.SelectOptionAsync("[name='Input.Category']", "food");
            await applicant.Locator("[name='Input.Categories'][value='daily']").CheckAsync();
            await applicant.SetInputFilesAsync("[name='Input.Licence']", Licence());
            await ShotAsync(applicant, "applicant-form");
            await applicant.Locator("main form button[type=submit]").First.ClickAsync();
            await Expect(applicant.Locator("main")).ToContainTextAsync(business);
            await ShotAsync(applicant, "applicant-submitted");

            var reviewer = await NewPersonAsync(mobile: false);
            await SignInAsync(reviewer, "reviewer@demo.localloop");
            await reviewer.GotoAsync("/admin/merchants");
            var row = reviewer.Locator("[id^='app-']", new() { HasText = business });
            await Expect(row.Locator(".thumb img")).ToHaveCountAsync(1);
            await ShotAsync(reviewer, "reviewer-queue-with-licence");
            await row.Locator("form[action*='handler=RequestChanges'] textarea").FillAsync(note);
            await row.Locator("form[action*='handler=RequestChanges'] button").ClickAsync();
            await Expect(reviewer.Locator("[id^='waiting-']", new() { HasText = business })).ToBeVisibleAsync();
            await ShotAsync(reviewer, "reviewer-requested-changes");

            await applicant.GotoAsync("/merchant/apply");
            await Expect(applicant.Locator("main")).ToContainTextAsync(note);
            await applicant.FillAsync("[name='Input.ContactPhone']", "13816882345");
            await ShotAsync(applicant, "applicant-sees-note");
            await applicant.Locator("main form button[type=submit]").First.ClickAsync();
            await Expect(applicant.Locator("[role=status]").First).ToBeVisibleAsync();
            await ShotAsync(applicant, "applicant-resubmitted");

            await reviewer.GotoAsync("/admin/merchants");
            var again = reviewer.Locator("[id^='app-']", new() { HasText = business });
            await Expect(again).ToContainTextAsync("13816882345");
            await again.Locator("form[action*='handler=Approve'] button").ClickAsync();
            await Expect(reviewer.Locator("[id^='app-']", new() { HasText = business })).ToHaveCountAsync(0);
            await ShotAsync(reviewer, "reviewer-approved");

            await SignInAsync(applicant, email, password);
            await applicant.GotoAsync("/merchant");
            await Expect(applicant.Locator("h1")).ToContainTextAsync(business);
            await ShotAsync(applicant, "owner-console");
        });
    }

    /// <summary>A 64×40 PNG made here: a cream card with a red square, as a licence photo stand-in.</summary>
    public static FilePayload Licence()
    {
        const int width = 64, height = 40;
        var raw = new byte[height * (width * 3 + 1)];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var red = x is > 40 and < 56 && y is > 20 and < 34;
                var i = y * (width * 3 + 1) + 1 + x * 3;
                (raw[i], raw[i + 1], raw[i + 2]) = red ? ((byte)200, (byte)40, (byte)40) : ((byte)250, (byte)244, (byte)230);
            }
        }

        var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, width, 0, 0, 0, height, 8, 2, 0, 0, 0]);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return new FilePayload { Name = "营业执照.png", MimeType = "image/png", Buffer = png.ToArray() };
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(BigEndian((uint)data.Length));
        png.Write(typed);
        png.Write(BigEndian(Crc32(typed)));
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
