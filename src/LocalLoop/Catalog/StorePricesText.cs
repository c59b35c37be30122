using LocalLoop.Platform.Localization;

namespace LocalLoop.Catalog;

/// <summary>UI texts of store prices: the merchant's per-store price page and the consumer's store and SKU choice.</summary>
public sealed class StorePricesText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("gaps4.storePrices.nav", "门店价", "Store prices"),
        ("gaps4.storePrices.title", "门店价格", "Store prices"),
        ("gaps4.storePrices.intro", "门店可按规格设置自己的售价；未设置时按商品价格出售。门店价立即生效，无需审核。",
            "A store may sell a SKU at its own price; otherwise the catalog price applies. Store prices apply at once, without review."),
        ("gaps4.storePrices.noStores", "还没有门店，请先添加门店。", "No stores yet: add a store first."),
        ("gaps4.storePrices.sku", "规格", "SKU"),
        ("gaps4.storePrices.catalogPrice", "商品价格", "Catalog price"),
        ("gaps4.storePrices.storePrice", "门店价格（元）", "Store price (yuan)"),
        ("gaps4.storePrices.priceAt", "{0} {1} 的门店价格", "Store price of {1} at {0}"),
        ("gaps4.storePrices.save", "保存", "Save"),
        ("gaps4.storePrices.useCatalog", "恢复商品价格", "Use the catalog price"),
        ("gaps4.storePrices.catalogInUse", "按商品价格", "Catalog price"),
        ("gaps4.storePrices.saved", "门店价格已保存。", "Store price saved."),
        ("gaps4.storePrices.removed", "已恢复为商品价格。", "The catalog price applies again."),
        ("gaps4.product.nearestStore", "显示离你最近的可服务门店 {0} 的价格", "Prices at {0}, the nearest store serving you"),
        ("gaps4.product.catalogPrices", "以下为商品价格。", "Catalog prices are shown."),
        ("gaps4.product.storeLabel", "门店", "Store"),
        ("gaps4.product.anyStore", "商品价格（不选门店）", "Catalog prices (no store)"),
        ("gaps4.product.showPrices", "查看门店价格", "Show store prices"),
        ("gaps4.product.catalogPrice", "原价", "Catalog price"),
        ("gaps4.product.choose", "选择此规格", "Choose this option"),
        ("gaps4.product.noSuchSku", "该组合暂无售卖。", "This combination is not sold."),
    ];
}
