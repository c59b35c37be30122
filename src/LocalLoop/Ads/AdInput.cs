using System.Globalization;
using LocalLoop.Discovery;
using LocalLoop.Platform;

namespace LocalLoop.Ads;

/// <summary>The operator's ad form; times are typed in Beijing time.</summary>
public sealed class AdInput
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public string? Slot { get; set; } = AdSlots.HomeBanner;
    public string? City { get; set; } = Cities.Default.Code;
    public string? TargetKind { get; set; } = nameof(AdTargetKind.Store);
    public string? TargetId { get; set; }
    public string? TargetUrl { get; set; }
    public string? Title { get; set; }
    public string? ImageUrl { get; set; }
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public int SortOrder { get; set; }

    public static AdInput From(AdPlacement p) => new()
    {
        Slot = p.Slot, City = p.CityCode, TargetKind = p.TargetKind.ToString(), TargetId = p.TargetId?.ToString(), TargetUrl = p.TargetUrl,
        Title = p.Title, ImageUrl = p.ImageUrl, SortOrder = p.SortOrder,
        StartsAt = ConsumerFormat.DateTime(p.StartsAt), EndsAt = ConsumerFormat.DateTime(p.EndsAt),
    };

    public AdRequest ToRequest()
    {
        var starts = ParseTime(StartsAt);
        var ends = ParseTime(EndsAt);
        if (starts is null || ends is null)
        {
            throw Validation.Single(starts is null ? nameof(StartsAt) : nameof(EndsAt), "Enter a time like 2026-12-01 10:00.", "请按 2026-12-01 10:00 的格式填写时间。");
        }

        return new AdRequest(Slot ?? "", City ?? "", TargetKind ?? "", Guid.TryParse(TargetId, out var id) ? id : null, TargetUrl, Title ?? "", ImageUrl ?? "",
            starts.Value, ends.Value, SortOrder);
    }

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Beijing)
            : null;
}
