using LocalLoop.Platform;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(10_000, 500, 500)]
    [InlineData(8_850, 500, 443)] // 442.5 rounds half away from zero
    [InlineData(1, 500, 0)]
    [InlineData(10, 500, 1)] // 0.5 → 1
    [InlineData(9_999, 333, 333)]
    [InlineData(12_345, 0, 0)]
    [InlineData(12_345, 10_000, 12_345)]
    public void Commission_and_the_merchant_share_always_add_up_to_the_value(long valueFen, int basisPoints, long expectedCommission)
    {
        var value = new Money(valueFen);
        var commission = value.ShareAt(new CommissionRate(basisPoints));
        commission.Fen.ShouldBe(expectedCommission);
        (commission + (value - commission)).ShouldBe(value);
    }

    [Theory]
    [InlineData(10_000, 3)]
    [InlineData(1, 4)]
    [InlineData(99_999, 7)]
    [InlineData(500, 1)]
    public void Splitting_evenly_loses_no_fen_and_parts_differ_by_at_most_one(long totalFen, int parts)
    {
        var split = new Money(totalFen).SplitEvenly(parts);
        split.Count.ShouldBe(parts);
        split.Sum(p => p.Fen).ShouldBe(totalFen);
        (split.Max(p => p.Fen) - split.Min(p => p.Fen) <= 1).ShouldBeTrue();
    }

    [Fact]
    public void Money_prints_as_yuan_with_two_decimals() => new Money(123_456).ToString().ShouldBe("¥1234.56");

    [Fact]
    public void A_commission_rate_outside_0_to_100_percent_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CommissionRate(10_001));
}
