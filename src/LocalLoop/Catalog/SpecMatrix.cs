using System.Text.Json;
using LocalLoop.Platform;

namespace LocalLoop.Catalog;

/// <summary>A spec dimension (尺码) and its values (S, M, L).</summary>
public sealed record SpecDimension(string Name, List<string> Values);

/// <summary>Spec dimensions and the SKU matrix they span: every combination of one value per dimension, once.</summary>
public static class SpecMatrix
{
    public const int MaxDimensions = 3;
    public const int MaxValues = 20;
    public const int MaxSkus = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every combination in order: the first dimension varies slowest. No dimensions: one empty combination.</summary>
    public static List<List<string>> Combinations(IReadOnlyList<SpecDimension> dimensions)
    {
        List<List<string>> combinations = [[]];
        foreach (var dimension in dimensions)
        {
            combinations = combinations.SelectMany(prefix => dimension.Values.Select(value => prefix.Append(value).ToList())).ToList();
        }

        return combinations;
    }

    public static string Key(IEnumerable<string> values) => string.Join(" / ", values);

    /// <summary>Trims and checks the dimensions (errors under "specs"); returns the cleaned list.</summary>
    public static List<SpecDimension> Normalize(List<SpecDimension>? given, Validation errors)
    {
        var dimensions = (given ?? []).Select(d => new SpecDimension((d.Name ?? "").Trim(),
            (d.Values ?? []).Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).ToList())).ToList();
        errors.Check("specs", dimensions.Count <= MaxDimensions, $"At most {MaxDimensions} spec dimensions (e.g. size × colour).", $"规格维度最多 {MaxDimensions} 个（如 尺码 × 颜色）。");
        errors.Check("specs", dimensions.All(d => d.Name.Length is > 0 and <= 20), "Each spec dimension needs a name of at most 20 characters.", "每个规格维度须有名称，且不超过 20 个字符。");
        errors.Check("specs", dimensions.Select(d => d.Name).Distinct().Count() == dimensions.Count, "Spec dimension names must differ.", "规格维度名称不能重复。");
        errors.Check("specs", dimensions.All(d => d.Values.Count is > 0 and <= MaxValues && d.Values.All(v => v.Length <= 20 && !v.Contains('/', StringComparison.Ordinal))),
            $"Each spec dimension needs 1 to {MaxValues} values of at most 20 characters (no \"/\").", $"每个规格维度须有 1 到 {MaxValues} 个值，每个不超过 20 个字符（不含“/”）。");
        errors.Check("specs", dimensions.All(d => d.Values.Distinct().Count() == d.Values.Count), "Values of a spec dimension must differ.", "同一规格维度的值不能重复。");
        errors.Check("specs", dimensions.Aggregate(1L, (n, d) => n * Math.Max(1, d.Values.Count)) <= MaxSkus,
            $"The spec matrix may have at most {MaxSkus} combinations.", $"规格组合最多 {MaxSkus} 个。");
        return dimensions;
    }

    public static string ToJson(List<SpecDimension> dimensions) => JsonSerializer.Serialize(dimensions, Json);

    public static List<SpecDimension> FromJson(string json) => JsonSerializer.Deserialize<List<SpecDimension>>(json, Json) ?? [];

    public static string ValuesToJson(List<string> values) => JsonSerializer.Serialize(values, Json);

    public static List<string> ValuesFromJson(string json) => JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
}

/// <summary>EAN-13 barcodes (the 69… numbers on Chinese goods): 13 digits, the last a checksum of the others.</summary>
public static class Ean13
{
    public static bool IsValid(string? code)
    {
        if (code is not { Length: 13 } || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (code[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return (10 - sum % 10) % 10 == code[12] - '0';
    }
}
