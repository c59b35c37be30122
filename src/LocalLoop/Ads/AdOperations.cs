using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Ads;

/// <param name="TargetKind">Store, Deal, Product or Url.</param>
/// <param name="TargetId">The store, deal or product; null for Url.</param>
public sealed record AdRequest(string Slot, string City, string TargetKind, Guid? TargetId, string? TargetUrl, string Title, string ImageUrl,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int SortOrder);

public sealed record AdPlacementView(Guid Id, string Slot, string City, Guid? MerchantId, string TargetKind, Guid? TargetId, string? TargetUrl, string Title,
    string ImageUrl, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int SortOrder, bool Active)
{
    public static AdPlacementView From(AdPlacement p) => new(p.Id, p.Slot, p.CityCode, p.MerchantId, p.TargetKind.ToString(), p.TargetId, p.TargetUrl, p.Title,
        p.ImageUrl, p.StartsAt, p.EndsAt, p.SortOrder, p.Active);
}

/// <summary>Operators create, edit, pause and resume ad placements.</summary>
public sealed class AdOperations(AppDbContext db, TimeProvider clock)
{
    public Task<List<AdPlacement>> ListAsync() =>
        db.AdPlacements.AsNoTracking().OrderBy(p => p.CityCode).ThenBy(p => p.Slot).ThenBy(p => p.SortOrder).ThenBy(p => p.StartsAt).ToListAsync();

    public async Task<AdPlacement> GetAsync(Guid id) =>
        await db.AdPlacements.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) ?? throw DomainException.NotFound("Ad", "广告");

    public async Task<AdPlacement> CreateAsync(AdRequest request)
    {
        var placement = new AdPlacement { Id = Guid.CreateVersion7(), Active = true, CreatedAt = clock.GetUtcNow() };
        await ApplyAsync(placement, request);
        db.AdPlacements.Add(placement);
        await db.SaveChangesAsync();
        return placement;
    }

    public async Task<AdPlacement> EditAsync(Guid id, AdRequest request)
    {
        var placement = await db.AdPlacements.SingleOrDefaultAsync(p => p.Id == id) ?? throw DomainException.NotFound("Ad", "广告");
        await ApplyAsync(placement, request);
        await db.SaveChangesAsync();
        return placement;
    }

    /// <summary>Pauses (or resumes) a placement; it keeps its schedule and statistics.</summary>
    public async Task<AdPlacement> SetActiveAsync(Guid id, bool active)
    {
        if (await db.AdPlacements.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, active)) == 0)
        {
            throw DomainException.NotFound("Ad", "广告");
        }

        return await GetAsync(id);
    }

    private async Task ApplyAsync(AdPlacement placement, AdRequest request)
    {
        var errors = new Validation();
        errors.Check(nameof(request.Slot), AdSlots.All.Contains(request.Slot), $"Slot must be one of {string.Join(", ", AdSlots.All)}.",
            $"广告位须为 {string.Join("、", AdSlots.All)} 之一。");
        errors.Check(nameof(request.City), Cities.Find(request.City) is not null, "Unknown city.", "没有这个城市商圈。");
        errors.Required(nameof(request.Title), request.Title, 60, "Title", "标题");
        errors.Check(nameof(request.ImageUrl), IsImageUrl(request.ImageUrl), "Image URL must be an https:// address or a path starting with /.",
            "图片地址须为 https:// 开头的网址或以 / 开头的站内路径。");
        errors.Check(nameof(request.EndsAt), request.EndsAt > request.StartsAt, "The end must be after the start.", "结束时间须晚于开始时间。");
        errors.Check(nameof(request.SortOrder), request.SortOrder is >= 0 and <= 999, "Sort order must be 0 to 999.", "排序须在 0 到 999 之间。");
        var kindOk = Enum.TryParse<AdTargetKind>(request.TargetKind, true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(request.TargetKind, out _);
        errors.Check(nameof(request.TargetKind), kindOk, "Target must be Store, Deal, Product or Url.", "投放目标须为门店、团购、商品或网址。");
        if (kindOk && kind == AdTargetKind.Url)
        {
            errors.Check(nameof(request.TargetUrl), Uri.TryCreate(request.TargetUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http",
                "Target URL must be an http(s) address.", "目标网址须以 http:// 或 https:// 开头。");
        }

        errors.ThrowIfAny();
        var merchantId = kind switch
        {
            AdTargetKind.Store => await db.Stores.IgnoreQueryFilters().Where(s => s.Id == request.TargetId).Select(s => (Guid?)s.MerchantId).SingleOrDefaultAsync(),
            AdTargetKind.Deal => await db.Deals.IgnoreQueryFilters().Where(d => d.Id == request.TargetId).Select(d => (Guid?)d.MerchantId).SingleOrDefaultAsync(),
            AdTargetKind.Product => await db.Products.IgnoreQueryFilters().Where(p => p.Id == request.TargetId).Select(p => (Guid?)p.MerchantId).SingleOrDefaultAsync(),
            _ => null,
        };
        if (kind != AdTargetKind.Url && merchantId is null)
        {
            throw Validation.Single(nameof(request.TargetId), "The target store, deal or product does not exist.", "投放目标（门店、团购或商品）不存在。");
        }

        placement.Slot = request.Slot;
        placement.CityCode = request.City;
        placement.TargetKind = kind;
        placement.TargetId = kind == AdTargetKind.Url ? null : request.TargetId;
        placement.TargetUrl = kind == AdTargetKind.Url ? request.TargetUrl!.Trim() : null;
        placement.MerchantId = merchantId;
        placement.Title = request.Title.Trim();
        placement.ImageUrl = request.ImageUrl.Trim();
        placement.StartsAt = request.StartsAt;
        placement.EndsAt = request.EndsAt;
        placement.SortOrder = request.SortOrder;
    }

    private static bool IsImageUrl(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= 500 &&
        ((value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal)) ||
         (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && url.Scheme == "https"));
}
