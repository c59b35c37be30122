namespace LocalLoop.Ads;

public enum AdTargetKind
{
    Store,
    Deal,
    Product,
    Url,
}

/// <summary>One ad in a slot of a city: what it shows, where a click leads, when it runs and in which order.</summary>
public sealed class AdPlacement
{
    public Guid Id { get; set; }
    public string Slot { get; set; } = "";
    public string CityCode { get; set; } = "";

    /// <summary>The advertising merchant (the target's merchant); null for the platform's own ads.</summary>
    public Guid? MerchantId { get; set; }

    public AdTargetKind TargetKind { get; set; }
    public Guid? TargetId { get; set; }
    public string? TargetUrl { get; set; }
    public string Title { get; set; } = "";
    public string ImageUrl { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Impressions and clicks of one placement on one day (Asia/Shanghai), with its slot and merchant for the report.</summary>
public sealed class AdDailyStat
{
    public Guid PlacementId { get; set; }
    public DateOnly Day { get; set; }
    public string Slot { get; set; } = "";
    public Guid? MerchantId { get; set; }
    public long Impressions { get; set; }
    public long Clicks { get; set; }
}

/// <summary>The positions ads can take.</summary>
public static class AdSlots
{
    public const string HomeBanner = "home_banner";

    public static readonly IReadOnlyList<string> All = [HomeBanner, "category_top", "search_top", "store_list_top"];
}
