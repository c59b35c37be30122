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
    [InlineData(OrderKind.DealVoucher, OrderState.PendingPayment, OrderState.Paid, true)]
    [InlineData(OrderKind.DealVoucher, OrderState.PendingPayment, OrderState.Cancelled, true)]
    [InlineData(OrderKind.DealVoucher, OrderState.Paid, OrderState.PendingPayment, false)]
    [InlineData(OrderKind.DealVoucher, OrderState.Paid, OrderState.Accepted, false)]
    [InlineData(OrderKind.DealVoucher, OrderState.Cancelled, OrderState.Paid, false)]
    [InlineData(OrderKind.Shipping, OrderState.Paid, OrderState.Dispatched, true)]
    [InlineData(OrderKind.Shipping, OrderState.Paid, OrderState.Accepted, false)]
    [InlineData(OrderKind.Shipping, OrderState.Dispatched, OrderState.Cancelled, false)]
    [InlineData(OrderKind.TakeoutDelivery, OrderState.PayOnDelivery, OrderState.Accepted, true)]
    [InlineData(OrderKind.TakeoutDelivery, OrderState.Paid, OrderState.Dispatched, false)]
    [InlineData(OrderKind.SameCityDelivery, OrderState.Accepted, OrderState.Dispatched, true)]
    [InlineData(OrderKind.Pickup, OrderState.Accepted, OrderState.ReadyForPickup, true)]
    [InlineData(OrderKind.Pickup, OrderState.Accepted, OrderState.Dispatched, false)]
    [InlineData(OrderKind.Pickup, OrderState.ReadyForPickup, OrderState.Completed, true)]
    [InlineData(OrderKind.Reservation, OrderState.Accepted, OrderState.Completed, true)]
    [InlineData(OrderKind.Reservation, OrderState.Paid, OrderState.InService, false)]
    [InlineData(OrderKind.HomeService, OrderState.Accepted, OrderState.InService, true)]
    [InlineData(OrderKind.HomeService, OrderState.InService, OrderState.Cancelled, false)]
    [InlineData(OrderKind.HomeService, OrderState.Completed, OrderState.Accepted, false)]
    public void Orders_move_only_along_their_kinds_allowed_transitions(OrderKind kind, OrderState from, OrderState to, bool allowed) =>
        OrderStateMachine.CanMove(kind, from, to).ShouldBe(allowed);

    [Fact]
    public void Every_kind_ends_completed_or_cancelled_and_nothing_leaves_those_states()
    {
        foreach (var kind in Enum.GetValues<OrderKind>())
        {
            OrderStateMachine.Next(kind, OrderState.Completed).Count.ShouldBe(0);
            OrderStateMachine.Next(kind, OrderState.Cancelled).Count.ShouldBe(0);
            OrderStateMachine.CanMove(kind, OrderState.PendingPayment, OrderState.Cancelled).ShouldBeTrue();
            // From payment, following the first allowed move each time reaches Completed for every kind but vouchers.
            var state = OrderState.Paid;
            for (var step = 0; step < 5 && OrderStateMachine.Next(kind, state).Count > 0; step++)
            {
                state = OrderStateMachine.Next(kind, state)[0];
            }

            state.ShouldBe(kind == OrderKind.DealVoucher ? OrderState.Paid : OrderState.Completed, kind.ToString());
        }
    }
}
