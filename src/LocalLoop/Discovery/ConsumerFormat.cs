using System.Globalization;
using LocalLoop.Platform.Localization;

namespace LocalLoop.Discovery;

/// <summary>How the consumer pages show times, distances and ratings.</summary>
public static class ConsumerFormat
{
    private static readonly TimeZoneInfo Shanghai = FindShanghai();

    /// <summary>The instant in China Standard Time, where every LocalLoop store is.</summary>
    public static DateTimeOffset Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Shanghai);

    public static string DateTime(DateTimeOffset utc) => Local(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset utc) => Local(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"850 m" below a kilometre, "1.2 km" above (in the page's language).</summary>
    public static string Distance(Text text, double km) => km < 1
        ? text.Format("consumer.meters", Math.Max(10, Math.Round(km * 1000 / 10) * 10).ToString("0", CultureInfo.InvariantCulture))
        : text.Format("common.km", km.ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>A rating for CSS (--rating) and for reading: always with a dot.</summary>
    public static string Rating(double rating) => rating.ToString("0.0", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindShanghai()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            // A container without time-zone data: China has had no daylight saving time since 1991.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
