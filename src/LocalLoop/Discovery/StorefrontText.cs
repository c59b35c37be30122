using LocalLoop.Platform.Localization;

namespace LocalLoop.Discovery;

/// <summary>Strings of the store page's goods list, the cart count in the navigation, the pickup store picker and the after-sales photo.</summary>
public sealed class StorefrontText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("sf.goods.none", "本店暂无在售商品。", "Nothing on sale here yet."),
        ("sf.goods.storePrice", "本店价", "Store price"),
        ("sf.goods.soldOut", "已售罄", "Sold out"),
        ("sf.goods.kind.Goods", "商品", "Goods"),
        ("sf.goods.kind.TakeoutDish", "外卖", "Takeout"),
        ("sf.goods.kind.BookableService", "预约", "Booking"),
        ("sf.goods.kind.HomeService", "上门服务", "Home service"),
        ("sf.goods.previous", "上一页", "Previous"),
        ("sf.goods.next", "下一页", "Next"),
        ("sf.goods.pages", "本店商品分页", "Product pages"),
        ("sf.cart.count", "购物车中有 {0} 件商品", "{0} items in your cart"),
        ("sf.checkout.store", "{0}：选择门店", "{0}: choose a store"),
        ("sf.checkout.storeHint", "用于到店自提和外卖出餐；设有本店价的商品按所选门店的价格结算。",
            "Used for pickup and takeout; items with a store price are charged at the chosen store's price."),
        ("sf.aftersales.photo", "照片（可选）", "Photo (optional)"),
        ("sf.aftersales.photoHint", "PNG、JPEG 或 WebP，不超过 {0} MB。", "PNG, JPEG or WebP, up to {0} MB."),
        ("sf.aftersales.photoAlt", "顾客上传的商品照片", "Photo of the goods from the customer"),
    ];
}
