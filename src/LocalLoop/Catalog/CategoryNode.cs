namespace LocalLoop.Catalog;

/// <summary>
/// A node of the two-level category tree. Top-level codes are the ten areas of daily life ("food"); a child's code is
/// its parent's code, a dot and its own ("food.hotpot"), so "everything under food" is a prefix match.
/// </summary>
public sealed class CategoryNode
{
    public string Code { get; set; } = "";
    public string? ParentCode { get; set; }
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    /// <summary>True for the node itself and every node under it.</summary>
    public static bool IsWithin(string code, string ancestor) => code == ancestor || code.StartsWith(ancestor + ".", StringComparison.Ordinal);
}
