namespace LocalLoop.Catalog;

/// <summary>A brand managed by admins; merchants pick one for a product. Both names are unique.</summary>
public sealed class Brand
{
    public Guid Id { get; set; }
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}
