using System.Globalization;

namespace LocalLoop.Platform;

/// <summary>An amount of CNY in integer fen (1 yuan = 100 fen). Never a floating-point number.</summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public static Money FromYuan(decimal yuan) => new(checked((long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero)));

    public decimal Yuan => Fen / 100m;

    public bool IsPositive => Fen > 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static Money operator *(Money a, int times) => new(checked(a.Fen * times));
    public static Money operator -(Money a) => new(-a.Fen);
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>
    /// The share at <paramref name="rate"/>, rounded half away from zero; the caller keeps the remainder
    /// (<c>this - share</c>), so both parts always add up to the whole.
    /// </summary>
    public Money ShareAt(CommissionRate rate)
    {
        var share = Math.Round(Fen * (decimal)rate.BasisPoints / 10_000m, 0, MidpointRounding.AwayFromZero);
        return new Money((long)share);
    }

    /// <summary>Splits the amount into <paramref name="parts"/> near-equal parts that sum exactly to it (earlier parts take the remainder).</summary>
    public IReadOnlyList<Money> SplitEvenly(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        var baseShare = Fen / parts;
        var remainder = Fen % parts;
        return Enumerable.Range(0, parts).Select(i => new Money(baseShare + (i < remainder ? 1 : 0))).ToList();
    }

    /// <summary>"¥12.50" — the way both the zh-CN and the en UI show prices.</summary>
    public override string ToString() => "¥" + Yuan.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>A commission rate in basis points (500 = 5%).</summary>
public readonly record struct CommissionRate
{
    public static readonly CommissionRate Default = new(500);

    public CommissionRate(int basisPoints)
    {
        if (basisPoints is < 0 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(basisPoints), "A commission rate lies between 0 and 10000 basis points.");
        }

        BasisPoints = basisPoints;
    }

    public int BasisPoints { get; }

    public override string ToString() => (BasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
