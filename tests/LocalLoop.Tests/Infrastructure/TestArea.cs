using LocalLoop.Platform;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>
/// A spot of its own for a test that searches nearby: cells of a grid about 25 km apart, handed out in turn from a random
/// start, so two tests in one process never share an area (random spots could, and once did, land within a search radius).
/// The grid keeps west of the scenario's default stores in Shanghai.
/// </summary>
public static class TestArea
{
    private const double CellDegrees = 0.25;
    private const int Rows = 60;
    private const int Columns = 80;
    private static int next = Random.Shared.Next(Rows * Columns);

    public static GeoPoint Next()
    {
        var cell = (int)((uint)Interlocked.Increment(ref next) % (Rows * Columns));
        return new GeoPoint(25 + cell / Columns * CellDegrees, 100 + cell % Columns * CellDegrees);
    }
}
