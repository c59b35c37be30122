using LocalLoop.AfterSales;
using LocalLoop.Ordering;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.AfterSales;

/// <summary>The after-sales state machine and the refund arithmetic, without the app.</summary>
public sealed class AfterSalesStateTests
{
    [Theory]
    [InlineData(AfterSalesState.Requested, AfterSalesState.Approved, true)]
    [InlineData(AfterSalesState.Requested, AfterSalesState.Completed, false)]
    [InlineData(AfterSalesState.Approved, AfterSalesState.ReturnShipped, true)]
    [InlineData(AfterSalesState.Approved, AfterSalesState.Completed, false)]
    [InlineData(AfterSalesState.ReturnShipped, AfterSalesState.Completed, true)]
    [InlineData(AfterSalesState.Rejected, AfterSalesState.Disputed, true)]
    [InlineData(AfterSalesState.Rejected, AfterSalesState.Approved, false)]
    [InlineData(AfterSalesState.Disputed, AfterSalesState.Approved, true)]
    [InlineData(AfterSalesState.Disputed, AfterSalesState.Closed, true)]
    [InlineData(AfterSalesState.Completed, AfterSalesState.Disputed, false)]
    public void Only_the_listed_steps_are_allowed(AfterSalesState from, AfterSalesState to, bool allowed) =>
        AfterSalesStateMachine.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void Every_state_is_in_the_table_and_the_ends_lead_nowhere()
    {
        foreach (var state in Enum.GetValues<AfterSalesState>())
        {
            var onwards = Enum.GetValues<AfterSalesState>().Count(to => AfterSalesStateMachine.CanMove(state, to));
            (onwards == 0).ShouldBe(state is AfterSalesState.Completed or AfterSalesState.Closed, $"{state} is an end exactly when it is Completed or Closed");
        }
    }

    [Fact]
    public void Units_returned_one_by_one_give_back_exactly_the_line_amount()
    {
        var line = new OrderLine { Quantity = 3, AmountFen = 10_000 };
        var parts = Enumerable.Range(0, 3).Select(before => OrderRefunds.ShareOfUnits(line, before + 1) - OrderRefunds.ShareOfUnits(line, before)).ToList();
        parts.Sum().ShouldBe(10_000);
        parts.ShouldBeEquivalentTo([3_333L, 3_333L, 3_334L]);
    }
}
