namespace LocalLoop.Deals;

/// <summary>The ten areas of daily life (吃穿住用行, 娱学医健美) that deals and merchants are filed under.</summary>
public static class Categories
{
    public static readonly IReadOnlyList<Category> All =
    [
        new("food", "Food & drink", "美食"),
        new("apparel", "Apparel", "服饰"),
        new("lodging", "Lodging", "住宿"),
        new("daily", "Daily goods", "生活用品"),
        new("travel", "Travel", "出行"),
        new("entertainment", "Entertainment", "休闲娱乐"),
        new("education", "Education", "教育培训"),
        new("medical", "Medical", "医疗"),
        new("fitness", "Health & fitness", "运动健身"),
        new("beauty", "Beauty", "丽人"),
    ];

    public static bool Exists(string? code) => All.Any(c => c.Code == code);

    public static Category? Find(string? code) => All.FirstOrDefault(c => c.Code == code);
}

public sealed record Category(string Code, string English, string Chinese)
{
    public string Name(bool chinese) => chinese ? Chinese : English;
}
