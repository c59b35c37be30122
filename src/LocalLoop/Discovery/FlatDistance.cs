using LocalLoop.Platform;

namespace LocalLoop.Discovery;

/// <summary>
/// Distance on a flat map around one position: degrees scaled to km by the length of a degree there. Within a search
/// radius of up to 50 km it differs from the great-circle distance by metres, and it is plain arithmetic a database can
/// compute, compare and order by on every candidate row. Results still show the great-circle distance.
/// </summary>
public readonly record struct FlatDistance(GeoPoint Origin)
{
    public double KmPerDegreeLatitude => GeoPoint.KmPerDegree;

    public double KmPerDegreeLongitude => GeoPoint.KmPerDegree * Math.Cos(Origin.Latitude * Math.PI / 180);
}
