using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Catalog;

public sealed record BrandRequest(string NameZh, string NameEn);

public sealed record BrandView(Guid Id, string NameZh, string NameEn);

/// <summary>Admins keep the list of brands merchants choose from; both names are unique (the index decides a race).</summary>
public sealed class BrandAdmin(AppDbContext db, TimeProvider clock)
{
    public async Task<List<BrandView>> AllAsync() =>
        await db.Brands.AsNoTracking().OrderBy(b => b.NameEn).Select(b => new BrandView(b.Id, b.NameZh, b.NameEn)).ToListAsync();

    public async Task<BrandView> AddAsync(BrandRequest request)
    {
        var (zh, en) = Check(request);
        var brand = new Brand { Id = Guid.CreateVersion7(), NameZh = zh, NameEn = en, CreatedAt = clock.GetUtcNow() };
        await EnsureUniqueAsync(brand.Id, zh, en);
        db.Brands.Add(brand);
        await SaveAsync();
        return new BrandView(brand.Id, zh, en);
    }

    public async Task RenameAsync(Guid id, BrandRequest request)
    {
        var (zh, en) = Check(request);
        var brand = await db.Brands.SingleOrDefaultAsync(b => b.Id == id) ?? throw DomainException.NotFound("Brand", "品牌");
        await EnsureUniqueAsync(id, zh, en);
        brand.NameZh = zh;
        brand.NameEn = en;
        await SaveAsync();
    }

    private static (string Zh, string En) Check(BrandRequest request)
    {
        var errors = new Validation();
        errors.Required("nameZh", request.NameZh, 50, "Chinese name", "中文名称");
        errors.Required("nameEn", request.NameEn, 50, "English name", "英文名称");
        errors.ThrowIfAny();
        return (request.NameZh.Trim(), request.NameEn.Trim());
    }

    private async Task EnsureUniqueAsync(Guid id, string zh, string en)
    {
        if (await db.Brands.AnyAsync(b => b.Id != id && (b.NameZh == zh || b.NameEn == en)))
        {
            throw Taken();
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw Taken();
        }
    }

    private static DomainException Taken() =>
        DomainException.Conflict("brand_exists", "A brand with this Chinese or English name already exists.", "已有同名品牌（中文或英文名称重复）。");
}
