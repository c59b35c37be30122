namespace LocalLoop.Platform;

/// <summary>A WGS-84 position. Construction validates the range, so a GeoPoint is always a real place.</summary>
public readonly record struct GeoPoint
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Length of one degree of latitude (and of longitude at the equator) on the mean earth sphere.</summary>
    public const double KmPerDegree = EarthRadiusKm * Math.PI / 180;

    public GeoPoint(double latitude, double longitude)
    {
        if (!IsValid(latitude, longitude))
        {
            throw new DomainException("invalid_coordinates", "Latitude must be between -90 and 90 and longitude between -180 and 180.",
                "纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间。");
        }

        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; }
    public double Longitude { get; }

    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance by the haversine formula.</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(other.Latitude - Latitude);
        var dLng = Rad(other.Longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(Rad(Latitude)) * Math.Cos(Rad(other.Latitude)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A latitude/longitude box that contains every point within <paramref name="radiusKm"/>; lets an index narrow the search before the exact distance.</summary>
    public (double MinLat, double MaxLat, double MinLng, double MaxLng) BoundingBox(double radiusKm)
    {
        var dLat = radiusKm / KmPerDegree;
        var cos = Math.Max(0.01, Math.Cos(Latitude * Math.PI / 180));
        var dLng = radiusKm / (KmPerDegree * cos);
        return (Latitude - dLat, Latitude + dLat, Longitude - dLng, Longitude + dLng);
    }
}
