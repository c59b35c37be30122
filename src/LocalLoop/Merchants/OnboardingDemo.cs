using System.IO.Compression;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Uploads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <summary>
/// Demo data of onboarding: an application with its licence and shopfront images waiting in the review queue,
/// one frozen merchant (so the admin's list and the owner's banner have something to show), and store photos.
/// </summary>
public static class OnboardingDemo
{
    public const string ApplicantEmail = "applicant@demo.localloop";
    public const string FrozenMerchantName = "指尖美甲";

    public static async Task SeedAsync(IServiceProvider services, Guid showcaseMerchantId, Guid showcaseOwnerId, string password)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var uploads = services.GetRequiredService<ImageUploads>();

        var applicant = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = ApplicantEmail, Email = ApplicantEmail, EmailConfirmed = true,
            DisplayName = "Zhang Wei 张伟", CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        if ((await users.CreateAsync(applicant, password)).Succeeded)
        {
            await users.AddToRoleAsync(applicant, Roles.Consumer);
            db.Wallets.Add(new Payments.Wallet { UserId = applicant.Id, BalanceFen = 0 });
            var licence = await uploads.SaveAsync(applicant.Id, null, UploadPurpose.MerchantLicence, Png(480, 340, Licence));
            var shopfront = await uploads.SaveAsync(applicant.Id, null, UploadPurpose.MerchantDocument, Png(480, 320, Stripes(0xE6, 0x39, 0x2E)));
            await services.GetRequiredService<MerchantOnboarding>().ApplyAsync(applicant.Id, new MerchantApplicationRequest(
                "川味小馆", "91310106MA1K7Q2L5B", "张伟", "13916881234", "food", "上海川味小馆餐饮有限公司", ["entertainment"], licence.Id, [shopfront.Id]));
        }

        var photos = services.GetRequiredService<StorePhotos>();
        var store = await db.Stores.AsNoTracking().Where(s => s.MerchantId == showcaseMerchantId).OrderBy(s => s.Name).FirstAsync();
        foreach (var colour in new[] { (0xFF, 0x6A, 0x00), (0x2E, 0x7D, 0x32), (0x15, 0x65, 0xC0) })
        {
            var photo = await uploads.SaveAsync(showcaseOwnerId, showcaseMerchantId, UploadPurpose.StorePhoto, Png(640, 420, Stripes(colour.Item1, colour.Item2, colour.Item3)));
            await photos.AddAsync(showcaseMerchantId, store.Id, photo.Id);
        }

        if (await db.Merchants.Where(m => m.Name == FrozenMerchantName).Select(m => (Guid?)m.Id).FirstOrDefaultAsync() is { } frozen)
        {
            await services.GetRequiredService<MerchantFreezing>().FreezeAsync(frozen, "营业执照已过期，请上传新的营业执照后联系平台解冻。");
        }
    }

    /// <summary>A pale card with a red seal and grey "text" lines: recognisably a licence at thumbnail size.</summary>
    private static (byte R, byte G, byte B) Licence(int x, int y, int width, int height)
    {
        var dx = x - width * 3 / 4;
        var dy = y - height * 2 / 3;
        if (dx * dx + dy * dy < 45 * 45 && dx * dx + dy * dy > 38 * 38)
        {
            return (0xC6, 0x28, 0x28);
        }

        var border = x < 12 || y < 12 || x >= width - 12 || y >= height - 12;
        var line = y > 60 && y < height - 40 && y % 28 < 6 && x > 40 && x < width * 3 / 5;
        return border ? ((byte)0xB7, (byte)0x8B, (byte)0x2E) : line ? ((byte)0x9E, (byte)0x9E, (byte)0x9E) : ((byte)0xFB, (byte)0xF6, (byte)0xE9);
    }

    private static Func<int, int, int, int, (byte, byte, byte)> Stripes(int r, int g, int b) => (x, y, _, _) =>
        (x + y) / 40 % 2 == 0 ? ((byte)r, (byte)g, (byte)b) : ((byte)((r + 255) / 2), (byte)((g + 255) / 2), (byte)((b + 255) / 2));

    /// <summary>A true-colour PNG drawn pixel by pixel: enough to make demo images without shipping binary files.</summary>
    private static byte[] Png(int width, int height, Func<int, int, int, int, (byte R, byte G, byte B)> pixel)
    {
        var raw = new byte[height * (width * 3 + 1)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (width * 3 + 1);
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pixel(x, y, width, height);
                raw[row + 1 + x * 3] = r;
                raw[row + 2 + x * 3] = g;
                raw[row + 3 + x * 3] = b;
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
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
}
