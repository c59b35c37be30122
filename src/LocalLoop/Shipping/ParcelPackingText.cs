using LocalLoop.Platform.Localization;

namespace LocalLoop.Shipping;

/// <summary>UI texts of packing chosen units of an order's lines as one parcel (decision 0035).</summary>
public sealed class ParcelPackingText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("pc.title", "按数量打包", "Pack by quantity"),
        ("pc.intro", "为一个订单选择本包裹要发出的商品和件数（须在同一仓库），其余件数可以稍后再打包发出。订单的全部件数发出后，订单变为“配送中”。",
            "Choose which lines of an order and how many of their units go into this parcel (from one warehouse); the rest can be packed and sent later. The order is on its way once all its units have left."),
        ("pc.line", "商品", "Item"),
        ("pc.ordered", "购买", "Ordered"),
        ("pc.left", "未打包", "Not packed"),
        ("pc.units", "本包裹件数", "Units in this parcel"),
        ("pc.unitsOf", "{0} 的打包件数", "Units of {0} to pack"),
        ("pc.submit", "打包为一个包裹", "Pack as one parcel"),
        ("pc.packed", "已打包 {0} 件为一个包裹。", "{0} unit(s) packed as one parcel."),
        ("pc.partlyPacked", "（已打包 {0}/{1}）", " ({0} of {1} packed)"),
    ];
}
