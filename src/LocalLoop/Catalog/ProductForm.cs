using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LocalLoop.Catalog;

/// <summary>One row of the spec-matrix editor: a dimension name and its values separated by commas.</summary>
public sealed class DimensionInput
{
    public string? Name { get; set; }
    public string? Values { get; set; }
}

/// <summary>A generated SKU row to fill in: its combination ("M / 白") is fixed by the dimensions.</summary>
public sealed class SkuInput
{
    /// <summary>Empty for a product without specs: kept empty (not null) when the form posts it back.</summary>
    [System.ComponentModel.DataAnnotations.DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Combination { get; set; } = "";
    public string? ItemNumber { get; set; }
    public string? Barcode { get; set; }
    public string? Price { get; set; }
    public string? CostPrice { get; set; }
}

/// <summary>The product form as typed: amounts in yuan, numbers as text, option groups one per line.</summary>
public sealed class ProductInput
{
    public string Kind { get; set; } = nameof(ProductKind.Goods);
    public string? Title { get; set; }
    public string? CategoryCode { get; set; }
    public Guid? BrandId { get; set; }
    public string? Description { get; set; }
    public string? WeightGrams { get; set; }
    public bool ShipsFromStore { get; set; }
    public string? PackagingFee { get; set; }

    /// <summary>"辣度: 微辣, 中辣, 特辣+2" — one group per line, "+n" adds n yuan.</summary>
    public string? Options { get; set; }
    public string? Contents { get; set; }
    public string? Uses { get; set; }
    public string? DurationMinutes { get; set; }
    public string? CapacityPerSlot { get; set; }
    public string? VisitFee { get; set; }
    public List<DimensionInput> Dimensions { get; set; } = [];
    public List<SkuInput> Skus { get; set; } = [];

    public ProductKind ParsedKind => Enum.TryParse<ProductKind>(Kind, out var kind) && Enum.IsDefined(kind) ? kind : ProductKind.Goods;

    private static readonly char[] ValueSeparators = [',', '，', '、', ';', '；'];

    public List<SpecDimension> SpecDimensions() => Dimensions
        .Where(d => !string.IsNullOrWhiteSpace(d.Name) || !string.IsNullOrWhiteSpace(d.Values))
        .Select(d => new SpecDimension((d.Name ?? "").Trim(), (d.Values ?? "").Split(ValueSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()))
        .ToList();

    /// <summary>Rebuilds the SKU rows from the dimensions, keeping what was typed for combinations that stay.</summary>
    public void GenerateSkus()
    {
        var typed = Skus.GroupBy(s => s.Combination ?? "").ToDictionary(g => g.Key, g => g.First());
        var dimensions = SpecDimensions().Where(d => d.Name.Length > 0 && d.Values.Count > 0).ToList();
        var combinations = dimensions.Aggregate(1L, (n, d) => n * d.Values.Distinct().Count()) <= SpecMatrix.MaxSkus
            ? SpecMatrix.Combinations(dimensions.Select(d => d with { Values = d.Values.Distinct().ToList() }).ToList())
            : [];
        Skus = combinations.Select(c => typed.GetValueOrDefault(SpecMatrix.Key(c)) ?? new SkuInput { Combination = SpecMatrix.Key(c) }).ToList();
        while (Dimensions.Count < SpecMatrix.MaxDimensions)
        {
            Dimensions.Add(new DimensionInput());
        }
    }

    public static ProductInput From(ProductKind kind, RevisionView revision)
    {
        var f = revision.Fields;
        var input = new ProductInput
        {
            Kind = kind.ToString(), Title = revision.Title, CategoryCode = revision.CategoryCode, BrandId = revision.BrandId, Description = revision.Description,
            WeightGrams = f.WeightGrams?.ToString(CultureInfo.InvariantCulture), ShipsFromStore = f.ShipsFromStore ?? false,
            PackagingFee = f.PackagingFeeFen is { } p ? new Money(p).Yuan.ToString("0.00", CultureInfo.InvariantCulture) : null,
            Options = string.Join("\n", (f.Options ?? []).Select(g => g.Name + ": " + string.Join(", ", g.Choices.Select(c =>
                c.Name + (c.PriceDeltaFen > 0 ? "+" + new Money(c.PriceDeltaFen).Yuan.ToString("0.##", CultureInfo.InvariantCulture) : ""))))),
            Contents = f.Contents, Uses = f.Uses?.ToString(CultureInfo.InvariantCulture),
            DurationMinutes = f.DurationMinutes?.ToString(CultureInfo.InvariantCulture), CapacityPerSlot = f.CapacityPerSlot?.ToString(CultureInfo.InvariantCulture),
            VisitFee = f.VisitFeeFen is { } v ? new Money(v).Yuan.ToString("0.00", CultureInfo.InvariantCulture) : null,
            Dimensions = revision.Specs.Select(d => new DimensionInput { Name = d.Name, Values = string.Join(", ", d.Values) }).ToList(),
            Skus = revision.Skus.Select(s => new SkuInput
            {
                Combination = SpecMatrix.Key(s.Values), ItemNumber = s.ItemNumber, Barcode = s.Barcode,
                Price = new Money(s.PriceFen).Yuan.ToString("0.00", CultureInfo.InvariantCulture), CostPrice = new Money(s.CostPriceFen).Yuan.ToString("0.00", CultureInfo.InvariantCulture),
            }).ToList(),
        };
        input.GenerateSkus();
        return input;
    }

    /// <summary>The request for the service, or null with the unreadable amounts marked on the form.</summary>
    public ProductRequest? ToRequest(ModelStateDictionary modelState, Text text)
    {
        long? Yuan(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (ConsoleFormat.TryParseYuan(value, out var fen))
            {
                return fen;
            }

            modelState.AddModelError($"Input.{field}", text["catalog.form.badAmount"]);
            return null;
        }

        static int? Whole(string? value) => int.TryParse((value ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

        var options = new List<OptionGroup>();
        foreach (var line in (Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split([':', '：'], 2);
            var choices = (parts.Length > 1 ? parts[1] : "").Split(ValueSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(choice => choice.Split('+', 2) is [var name, var delta] ? new OptionChoice(name.Trim(), Yuan(nameof(Options), delta) ?? 0) : new OptionChoice(choice, 0))
                .ToList();
            options.Add(new OptionGroup(parts[0].Trim(), choices));
        }

        var fields = new KindFields
        {
            WeightGrams = Whole(WeightGrams), ShipsFromStore = ShipsFromStore, PackagingFeeFen = Yuan(nameof(PackagingFee), PackagingFee), Options = options,
            Contents = Contents, Uses = Whole(Uses), DurationMinutes = Whole(DurationMinutes), CapacityPerSlot = Whole(CapacityPerSlot), VisitFeeFen = Yuan(nameof(VisitFee), VisitFee),
        };
        var skus = Skus.Select((s, i) => new SkuRequest(
            s.Combination.Length == 0 ? [] : s.Combination.Split(" / ").ToList(), s.ItemNumber ?? "", s.Barcode,
            Yuan($"Skus[{i}].Price", s.Price) ?? 0, Yuan($"Skus[{i}].CostPrice", s.CostPrice) ?? 0)).ToList();
        return modelState.ErrorCount > 0 ? null
            : new ProductRequest(Kind, Title ?? "", CategoryCode ?? "", BrandId, Description, fields, SpecDimensions(), skus);
    }

    /// <summary>The service's field names ("skus[0].priceFen", "fields.visitFeeFen") as the form's ("Input.Skus[0].Price").</summary>
    public static string FormField(string field)
    {
        var name = field.Replace("skus[", "Skus[", StringComparison.Ordinal).Replace("].priceFen", "].Price", StringComparison.Ordinal)
            .Replace("].costPriceFen", "].CostPrice", StringComparison.Ordinal).Replace("].itemNumber", "].ItemNumber", StringComparison.Ordinal)
            .Replace("].barcode", "].Barcode", StringComparison.Ordinal).Replace("fields.", "", StringComparison.Ordinal)
            .Replace("FeeFen", "Fee", StringComparison.Ordinal);
        return "Input." + char.ToUpperInvariant(name[0]) + name[1..];
    }
}
