using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.Domain;

public sealed class VoucherCodeTests
{
    [Fact]
    public void New_codes_are_twelve_digits_without_a_leading_zero_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => VoucherCode.NewRandom().Value).ToList();
        codes.All(c => c.Length == 12 && c.All(char.IsAsciiDigit) && c[0] != '0').ShouldBeTrue();
        codes.Distinct().Count().ShouldBe(codes.Count);
        // Every digit position varies: a sign the source is random, not a counter.
        Enumerable.Range(1, 11).All(i => codes.Select(c => c[i]).Distinct().Count() == 10).ShouldBeTrue();
    }

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("1234 5678 9012", true)]
    [InlineData("1234-5678-9012", true)]
    [InlineData("12345678901", false)]
    [InlineData("1234567890123", false)]
    [InlineData("12345678901a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Typed_codes_are_accepted_with_spaces_or_dashes_and_nothing_else(string? input, bool valid) =>
        VoucherCode.TryParse(input, out _).ShouldBe(valid);

    [Fact]
    public void A_code_is_shown_in_groups_of_four()
    {
        VoucherCode.TryParse("123456789012", out var code).ShouldBeTrue();
        code.Grouped.ShouldBe("1234 5678 9012");
    }
}
