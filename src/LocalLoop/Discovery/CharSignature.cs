namespace LocalLoop.Discovery;

/// <summary>
/// A 128-bit signature of the characters of a text, kept beside <see cref="StoreSearchDoc.SearchText"/>: one bit per
/// character, chosen by a hash. A store whose text contains a keyword has every bit of the keyword's signature set, so
/// two integer tests drop most of the rows that cannot match before the substring test reads their text.
/// </summary>
public readonly record struct CharSignature(long Low, long High)
{
    public static CharSignature Of(string text)
    {
        long low = 0, high = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            // Fibonacci hashing spreads neighbouring code points (most Chinese characters of one word are not neighbours,
            // but digits and Latin letters are) over the 128 bits.
            var bit = (int)(((uint)c * 2654435769u) >> 25);
            if (bit < 64)
            {
                low |= 1L << bit;
            }
            else
            {
                high |= 1L << (bit - 64);
            }
        }

        return new CharSignature(low, high);
    }
}
