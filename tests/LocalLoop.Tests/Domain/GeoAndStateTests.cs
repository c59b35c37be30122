using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Domain;

public sealed class GeoAndStateTests
{
    [Fact]
    public void Distance_between_peoples_square_and_lujiazui_is_about_two_and_a_half_km()
    {
        var distance = new GeoPoint(31.2304, 121.4737).DistanceKmTo(new GeoPoint(31.2397, 121.4998));
        (distance is > 2.4 and < 2.8).ShouldBeTrue($"got {distance}");
    }

    [Fact]
    public void The_bounding_box_contains_every_point_of_the_radius()
    {
        var centre = new GeoPoint(31.2304, 121.4737);
        var box = centre.BoundingBox(5);
        foreach (var bearing in Enumerable.Range(0, 36).Select(i => i * 10 * Math.PI / 180))
        {
            // A point 4.99 km away in each direction.
            var point = new GeoPoint(centre.Latitude + 4.99 / 111.32 * Math.Cos(bearing),
                centre.Longitude + 4.99 / (111.32 * Math.Cos(centre.Latitude * Math.PI / 180)) * Math.Sin(bearing));
            (point.Latitude >= box.MinLat && point.Latitude <= box.MaxLat && point.Longitude >= box.MinLng && point.Longitude <= box.MaxLng).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(91, 0)]
    [InlineData(-91, 0)]
    [InlineData(0, 181)]
    [InlineData(double.NaN, 0)]
    public void Impossible_coordinates_are_refused(double latitude, double longitude) =>
        Assert.Throws<DomainException>(() => new GeoPoint(latitude, longitude));

    [Theory]
    [InlineData(OrderState.PendingPayment, OrderState.Paid, true)]
    [InlineData(OrderState.PendingPayment, OrderState.Cancelled, true)]
    [InlineData(OrderState.Paid, OrderState.PendingPayment, false)]
    [InlineData(OrderState.Paid, OrderState.Cancelled, false)]
    [InlineData(OrderState.Cancelled, OrderState.Paid, false)]
    public void Orders_move_only_along_their_allowed_transitions(OrderState from, OrderState to, bool allowed) =>
        OrderStateMachine.CanMove(from, to).ShouldBe(allowed);
}
