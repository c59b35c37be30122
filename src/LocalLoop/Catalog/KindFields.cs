using System.Text.Json;
using System.Text.Json.Serialization;
using LocalLoop.Platform;

namespace LocalLoop.Catalog;

/// <summary>A choice of an option group (微辣) and what it adds to the price.</summary>
public sealed record OptionChoice(string Name, long PriceDeltaFen);

/// <summary>An option group of a takeout dish (辣度) with its choices.</summary>
public sealed record OptionGroup(string Name, List<OptionChoice> Choices);

/// <summary>
/// The fields that only some kinds have, stored whole as JSON on the revision. <see cref="Normalize"/> keeps the
/// fields of the product's kind, checks them and drops the rest.
/// </summary>
public sealed record KindFields
{
    /// <summary>Goods: shipping weight in grams.</summary>
    public int? WeightGrams { get; init; }

    /// <summary>Goods: shipped from a store (else collected or delivered by the platform).</summary>
    public bool? ShipsFromStore { get; init; }

    /// <summary>Takeout dish: option groups such as 辣度.</summary>
    public List<OptionGroup>? Options { get; init; }

    /// <summary>Takeout dish: packaging fee per portion.</summary>
    public long? PackagingFeeFen { get; init; }

    /// <summary>Group-buy deal: what the deal contains.</summary>
    public string? Contents { get; init; }

    /// <summary>Group-buy deal: how many times it can be used.</summary>
    public int? Uses { get; init; }

    /// <summary>Bookable and home service: how long one service takes.</summary>
    public int? DurationMinutes { get; init; }

    /// <summary>Bookable service: places per time slot.</summary>
    public int? CapacityPerSlot { get; init; }

    /// <summary>Home service: the call-out fee.</summary>
    public long? VisitFeeFen { get; init; }

    public const int MaxOptionGroups = 5;
    public const int MaxChoices = 10;

    // Chinese stays readable in the column (the default encoder would write \u escapes).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The fields as one readable line ("重量 250 克 · 门店发货"), for the reviewer's comparison.</summary>
    public string Describe(bool chinese)
    {
        var parts = new List<string?>
        {
            WeightGrams is { } g ? (chinese ? $"重量 {g} 克" : $"weight {g} g") : null,
            ShipsFromStore is { } s ? (chinese ? (s ? "门店发货" : "平台配送") : (s ? "ships from a store" : "shipped by the platform")) : null,
            PackagingFeeFen is { } p ? (chinese ? $"打包费 {new Money(p)}" : $"packaging {new Money(p)}") : null,
            Options is { Count: > 0 } o ? string.Join("; ", o.Select(group => $"{group.Name}: " + string.Join(", ", group.Choices.Select(c =>
                c.PriceDeltaFen > 0 ? $"{c.Name} +{new Money(c.PriceDeltaFen)}" : c.Name)))) : null,
            Contents is { } contents ? (chinese ? $"内容 {contents}" : $"contents {contents}") : null,
            Uses is { } u ? (chinese ? $"可用 {u} 次" : $"{u} uses") : null,
            DurationMinutes is { } d ? (chinese ? $"时长 {d} 分钟" : $"{d} min") : null,
            CapacityPerSlot is { } c ? (chinese ? $"每时段 {c} 人" : $"{c} per slot") : null,
            VisitFeeFen is { } v ? (chinese ? $"上门费 {new Money(v)}" : $"visit fee {new Money(v)}") : null,
        };
        return string.Join(" · ", parts.OfType<string>());
    }

    public static KindFields FromJson(string json) => JsonSerializer.Deserialize<KindFields>(json, Json) ?? new KindFields();

    /// <summary>Checks the kind's own fields (errors under "fields.x") and returns only those.</summary>
    public static KindFields Normalize(ProductKind kind, KindFields? given, Validation errors)
    {
        var f = given ?? new KindFields();
        switch (kind)
        {
            case ProductKind.Goods:
                errors.Check("fields.weightGrams", f.WeightGrams is > 0 and <= 1_000_000, "Goods need a weight from 1 g to 1,000 kg.", "商品须填写重量（1 克到 1000 千克）。");
                errors.Check("fields.shipsFromStore", f.ShipsFromStore is not null, "Say whether the goods ship from a store.", "请选择是否由门店发货。");
                return new KindFields { WeightGrams = f.WeightGrams, ShipsFromStore = f.ShipsFromStore };
            case ProductKind.TakeoutDish:
                errors.Check("fields.packagingFeeFen", f.PackagingFeeFen is >= 0 and <= 10_000, "Packaging fee must be from ¥0 to ¥100.", "打包费须为 ¥0 到 ¥100。");
                var options = f.Options ?? [];
                errors.Check("fields.options", options.Count <= MaxOptionGroups, $"At most {MaxOptionGroups} option groups.", $"选项组最多 {MaxOptionGroups} 个。");
                errors.Check("fields.options", options.All(g => !string.IsNullOrWhiteSpace(g.Name) && g.Name.Trim().Length <= 20),
                    "Each option group needs a name of at most 20 characters.", "每个选项组须有名称，且不超过 20 个字符。");
                errors.Check("fields.options", options.Select(g => g.Name?.Trim()).Distinct().Count() == options.Count, "Option group names must differ.", "选项组名称不能重复。");
                errors.Check("fields.options", options.All(g => g.Choices is { Count: > 0 and <= MaxChoices }
                        && g.Choices.All(c => !string.IsNullOrWhiteSpace(c.Name) && c.Name.Trim().Length <= 20 && c.PriceDeltaFen is >= 0 and <= 100_000)
                        && g.Choices.Select(c => c.Name.Trim()).Distinct().Count() == g.Choices.Count),
                    $"Each option group needs 1 to {MaxChoices} differently named choices, each adding ¥0 to ¥1,000.",
                    $"每个选项组须有 1 到 {MaxChoices} 个不重名的选项，每项加价 ¥0 到 ¥1000。");
                return new KindFields
                {
                    PackagingFeeFen = f.PackagingFeeFen,
                    Options = options.Select(g => new OptionGroup(g.Name?.Trim() ?? "", (g.Choices ?? []).Select(c => new OptionChoice(c.Name?.Trim() ?? "", c.PriceDeltaFen)).ToList())).ToList(),
                };
            case ProductKind.GroupBuy:
                errors.Check("fields.contents", !string.IsNullOrWhiteSpace(f.Contents) && f.Contents.Trim().Length <= 2000,
                    "Describe what the deal contains (at most 2,000 characters).", "请填写套餐内容（不超过 2000 个字符）。");
                errors.Check("fields.uses", f.Uses is >= 1 and <= 100, "Uses must be from 1 to 100.", "可用次数须为 1 到 100。");
                return new KindFields { Contents = f.Contents?.Trim(), Uses = f.Uses };
            case ProductKind.BookableService:
                CheckDuration(f, errors);
                errors.Check("fields.capacityPerSlot", f.CapacityPerSlot is >= 1 and <= 1000, "Capacity per slot must be from 1 to 1,000.", "每个时段可约人数须为 1 到 1000。");
                return new KindFields { DurationMinutes = f.DurationMinutes, CapacityPerSlot = f.CapacityPerSlot };
            default:
                CheckDuration(f, errors);
                errors.Check("fields.visitFeeFen", f.VisitFeeFen is >= 0 and <= 100_000, "Visit fee must be from ¥0 to ¥1,000.", "上门费须为 ¥0 到 ¥1000。");
                return new KindFields { DurationMinutes = f.DurationMinutes, VisitFeeFen = f.VisitFeeFen };
        }
    }

    private static void CheckDuration(KindFields f, Validation errors) =>
        errors.Check("fields.durationMinutes", f.DurationMinutes is >= 5 and <= 1440, "Duration must be from 5 to 1,440 minutes.", "服务时长须为 5 到 1440 分钟。");
}

public static class ProductKinds
{
    public static string Name(this ProductKind kind, bool chinese) => (kind, chinese) switch
    {
        (ProductKind.Goods, true) => "商品",
        (ProductKind.Goods, false) => "Goods",
        (ProductKind.TakeoutDish, true) => "外卖菜品",
        (ProductKind.TakeoutDish, false) => "Takeout dish",
        (ProductKind.GroupBuy, true) => "团购套餐",
        (ProductKind.GroupBuy, false) => "Group-buy deal",
        (ProductKind.BookableService, true) => "预约服务",
        (ProductKind.BookableService, false) => "Bookable service",
        (_, true) => "上门服务",
        _ => "Home service",
    };
}
