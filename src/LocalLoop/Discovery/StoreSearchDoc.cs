using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LocalLoop.Discovery;

/// <summary>
/// One store as nearby search sees it: a denormalised row kept by <see cref="SearchIndex"/> so a query reads one table.
/// Rows are clustered by (<see cref="LatRow"/>, <see cref="Longitude"/>): a radius query reads a few contiguous runs of
/// rows, one per 0.01° band of latitude, instead of a whole city-wide band. Only stores of active merchants have a row.
/// </summary>
public sealed class StoreSearchDoc
{
    /// <summary>Degrees of latitude per band: about 1.1 km.</summary>
    public const double BandDegrees = 0.01;

    public Guid StoreId { get; set; }
    public Guid MerchantId { get; set; }

    /// <summary>The store's band of latitude: floor(latitude / <see cref="BandDegrees"/>).</summary>
    public int LatRow { get; set; }

    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string StoreName { get; set; } = "";
    public string MerchantName { get; set; } = "";

    /// <summary>The merchant's top-level category, shown on the result.</summary>
    public string Category { get; set; } = "";

    /// <summary>Every category code of the store and the parent of each, framed by bars: "|food|food.hotpot|".</summary>
    public string CategoryCodes { get; set; } = "";

    /// <summary>
    /// What a keyword is matched against, lower-cased: the merchant's and store's names and the category names on a
    /// first line, then one line per title (approved deals, then live listed products, best sellers first). The titles
    /// as written are in <see cref="StoreSearchTitles"/>, outside the rows a search scans.
    /// </summary>
    public string SearchText { get; set; } = "";

    /// <summary>The low half of the <see cref="CharSignature"/> of <see cref="SearchText"/>.</summary>
    public long CharsLow { get; set; }

    /// <summary>The high half of the <see cref="CharSignature"/> of <see cref="SearchText"/>.</summary>
    public long CharsHigh { get; set; }

    /// <summary>The store's opening hours in <see cref="StoreHoursText"/>'s compact form (week plus the exceptions still ahead).</summary>
    public string Hours { get; set; } = "";

    public double? AverageRating { get; set; }
    public int ReviewCount { get; set; }
    public int Sales { get; set; }

    /// <summary>Lowest price of what the store sells; null when it sells nothing yet.</summary>
    public long? MinPriceFen { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static int RowOf(double latitude) => (int)Math.Floor(latitude / BandDegrees);
}

/// <summary>A store's titles as written, one per line, read only for the page of results shown.</summary>
public sealed class StoreSearchTitles
{
    public Guid StoreId { get; set; }
    public Guid MerchantId { get; set; }
    public string Titles { get; set; } = "";
}

/// <summary>The search table's mapping.</summary>
public static class StoreSearchDocModel
{
    public static void Configure(EntityTypeBuilder<StoreSearchDoc> e)
    {
        e.ToTable("StoreSearchDocs");
        e.HasKey(d => new { d.LatRow, d.Longitude, d.StoreId });
        e.Property(d => d.StoreName).HasMaxLength(100);
        e.Property(d => d.MerchantName).HasMaxLength(100);
        e.Property(d => d.Category).HasMaxLength(64);
        e.HasIndex(d => d.StoreId).IsUnique();
        e.HasIndex(d => d.MerchantId);
    }

    public static void Configure(EntityTypeBuilder<StoreSearchTitles> e)
    {
        e.HasKey(t => t.StoreId);
        e.HasIndex(t => t.MerchantId);
    }
}
