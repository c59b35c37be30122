using LocalLoop.Platform.Localization;

namespace LocalLoop.Catalog;

/// <summary>UI texts of the catalog: the merchant's products, the admin's categories and brands, the review queue and the product page.</summary>
public sealed class CatalogText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("catalog.page.from", "{0} 起", "From {0}"),
        ("catalog.page.storePrices", "显示 {0} 的门店价格", "Prices at {0}"),
        ("catalog.page.price", "价格", "Price"),
        ("catalog.fields.weight", "重量", "Weight"),
        ("catalog.fields.grams", "{0} 克", "{0} g"),
        ("catalog.fields.shipping", "发货", "Shipping"),
        ("catalog.fields.shipsFromStore", "门店发货", "Ships from a store"),
        ("catalog.fields.notFromStore", "平台配送", "Shipped by the platform"),
        ("catalog.fields.packagingFee", "打包费", "Packaging fee"),
        ("catalog.fields.contents", "套餐内容", "Contents"),
        ("catalog.fields.uses", "可用次数", "Uses"),
        ("catalog.fields.duration", "服务时长", "Duration"),
        ("catalog.fields.minutes", "{0} 分钟", "{0} min"),
        ("catalog.fields.capacity", "每时段可约人数", "Places per slot"),
        ("catalog.fields.visitFee", "上门费", "Visit fee"),
        ("catalog.fields.options", "选项（如 辣度）", "Options (e.g. spiciness)"),
    ];
}
