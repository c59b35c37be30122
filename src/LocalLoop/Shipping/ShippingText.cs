using LocalLoop.Platform.Localization;

namespace LocalLoop.Shipping;

/// <summary>UI texts of the merchant's parcels page: pack (merge, split), dispatch, take apart.</summary>
public sealed class ShippingText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("ordersplit.nav", "打包发货", "Packing"),
        ("ordersplit.title", "打包发货", "Packing and dispatch"),
        ("ordersplit.intro", "同一买家、同一地址的订单可合并为一个包裹（每个仓库一个）；一个订单也可按仓库拆成多个包裹。包裹发出时扣减库存，订单的全部商品发出后订单变为“配送中”。",
            "Orders of one buyer to one address can leave as one parcel per warehouse; one order can be split by warehouse. Dispatching a parcel takes its stock; an order is on its way once all its lines have left."),
        ("ordersplit.waiting", "待打包订单", "Orders waiting to be packed"),
        ("ordersplit.noWaiting", "没有待打包的快递订单。", "No shipping orders are waiting to be packed."),
        ("ordersplit.order", "订单", "Order"),
        ("ordersplit.recipient", "收货人", "Recipient"),
        ("ordersplit.items", "商品", "Items"),
        ("ordersplit.merge", "合并选中订单", "Merge selected orders"),
        ("ordersplit.split", "按仓库拆分", "Split by warehouse"),
        ("ordersplit.merged", "已生成 {0} 个包裹。", "{0} parcel(s) planned."),
        ("ordersplit.open", "待发出的包裹", "Parcels to dispatch"),
        ("ordersplit.noOpen", "没有待发出的包裹。", "No parcels are waiting to leave."),
        ("ordersplit.from", "发货地", "Ships from"),
        ("ordersplit.tracking", "快递单号", "Tracking number"),
        ("ordersplit.dispatch", "发出", "Dispatch"),
        ("ordersplit.dispatched", "包裹已发出，快递单号 {0}。", "Parcel dispatched, tracking number {0}."),
        ("ordersplit.dissolve", "拆除包裹", "Take apart"),
        ("ordersplit.dissolved", "包裹已拆除，订单可重新打包。", "Parcel taken apart; its orders can be packed again."),
        ("ordersplit.recent", "最近发出", "Recently dispatched"),
        ("ordersplit.select", "选择订单 {0}", "Select order {0}"),
    ];
}
