using LocalLoop.Platform;

namespace LocalLoop.Vouchers;

/// <summary>What one use of a voucher moved: its share of the voucher's value and the commission on it, and what is left after it.</summary>
public sealed record ConsumedUse(Money Value, Money Commission, int UsesLeft, int TotalUses);

/// <summary>
/// The arithmetic of a card (次卡), a voucher of several uses. The value not yet used is split evenly over the uses
/// left and the next use takes the first share, so with no reversal use k of N is always <c>SplitEvenly(N)[k-1]</c>
/// (¥100.00 over 3 uses: 33.34, 33.33, 33.33) and the last use takes exactly what is left, even after a reversal gave an
/// earlier use back. Commission rounds cumulatively: after each use the commission taken so far is the rate's share of
/// the value used so far, so the uses' commissions add up to the commission on the whole value. An ordinary voucher is
/// a card of one use: one use of its whole value, the same commission as before.
/// </summary>
public static class CardUses
{
    /// <summary>The most uses a deal's vouchers may hold.</summary>
    public const int Max = 100;

    /// <param name="usesLeftBefore">Uses left before this one is consumed (at least 1).</param>
    /// <param name="commissionSoFarFen">Commission taken on the uses consumed so far.</param>
    public static (Money Value, Money Commission) Next(long valueFen, long usedValueFen, int usesLeftBefore, long commissionSoFarFen, int commissionRateBasisPoints)
    {
        var value = new Money(valueFen - usedValueFen).SplitEvenly(usesLeftBefore)[0];
        var rate = new CommissionRate(commissionRateBasisPoints);
        var commissionFen = new Money(usedValueFen + value.Fen).ShareAt(rate).Fen - commissionSoFarFen;
        // Only a reversal can leave the running commission a fen off the rate's share; never take less than nothing or more than the use.
        return (value, new Money(Math.Clamp(commissionFen, 0, value.Fen)));
    }

    /// <summary>"剩余 7/10 次" / "7 of 10 uses left".</summary>
    public static string Left(int usesLeft, int totalUses, bool chinese) =>
        chinese ? $"剩余 {usesLeft}/{totalUses} 次" : $"{usesLeft} of {totalUses} uses left";

    /// <summary>"10 次卡 · 每次 ¥29.90" / "10-use card · ¥29.90 per use": the first use's price, which no later use exceeds.</summary>
    public static string Size(int totalUses, long priceFen, bool chinese)
    {
        var perUse = new Money(priceFen).SplitEvenly(totalUses)[0];
        return chinese ? $"{totalUses} 次卡 · 每次 {perUse}" : $"{totalUses}-use card · {perUse} per use";
    }
}
