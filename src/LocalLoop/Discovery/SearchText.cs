using LocalLoop.Platform.Localization;

namespace LocalLoop.Discovery;

/// <summary>Strings of the store search on the consumer home page.</summary>
public sealed class SearchText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("search.label", "搜索附近门店", "Search nearby stores"),
        ("search.placeholder", "搜商家、门店、团购或商品，如“火锅”", "Shops, stores, deals or products, e.g. hotpot"),
        ("search.submit", "搜索", "Search"),
        ("search.openNow", "营业中", "Open now"),
        ("search.closed", "休息中", "Closed"),
        ("search.openNowOnly", "只看营业中", "Open now only"),
        ("search.sort", "排序", "Sort"),
        ("search.sort.distance", "距离最近", "Nearest"),
        ("search.sort.rating", "评分最高", "Best rated"),
        ("search.sort.sales", "销量最高", "Best selling"),
        ("search.sort.price", "价格最低", "Lowest price"),
        ("search.subcategories", "细分类目", "Subcategories"),
        ("search.allOf", "全部{0}", "All {0}"),
        ("search.count", "{0} 公里内共 {1} 家门店", "{1} stores within {0} km"),
        ("search.countKeyword", "{0} 公里内共 {1} 家门店与“{2}”有关", "{1} stores within {0} km match “{2}”"),
        ("search.from", "{0} 起", "from {0}"),
        ("search.sales", "已售 {0}", "{0} sold"),
        ("search.noRating", "暂无评分", "No ratings yet"),
        ("search.more", "加载更多", "Show more"),
        ("search.empty", "附近 {0} 公里内没有符合条件的门店。", "No store within {0} km matches."),
        ("search.emptyKeyword", "附近 {0} 公里内没有找到与“{1}”有关的门店。", "Nothing within {0} km matches “{1}”."),
        ("search.emptyHint", "换个关键词，或取消“只看营业中”和类目筛选试试。", "Try another keyword, or drop the open-now and category filters."),
        ("search.clear", "清除筛选", "Clear filters"),
        ("search.backToDeals", "返回附近好券", "Back to deals nearby"),
    ];
}
