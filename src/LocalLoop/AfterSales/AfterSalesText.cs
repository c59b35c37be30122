using LocalLoop.Platform.Localization;

namespace LocalLoop.AfterSales;

/// <summary>Strings of returns, exchanges, disputes and order refunds (decision 0028).</summary>
public sealed class AfterSalesText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("inventory.movement.CustomerReturn", "顾客退货入库", "Customer return"),

        ("aftersales.nav", "售后", "After-sales"),
        ("aftersales.disputes.nav", "售后纠纷", "Disputes"),
        ("aftersales.title", "退换货", "Returns and exchanges"),
        ("aftersales.merchant.title", "售后处理", "After-sales requests"),
        ("aftersales.disputes.title", "售后纠纷裁决", "After-sales disputes"),
        ("aftersales.disputes.intro", "消费者对商家拒绝的退换货提出申诉，由平台裁决：支持消费者则退货流程继续，支持商家则申请关闭。",
            "A consumer disputed a merchant's rejection. Rule for the consumer and the return goes on; rule for the merchant and the request closes."),
        ("aftersales.backToOrder", "返回订单", "Back to the order"),
        ("aftersales.order", "订单", "Order"),
        ("aftersales.new", "申请退换货", "Ask for a return or exchange"),
        ("aftersales.line", "商品", "Item"),
        ("aftersales.kind", "类型", "Type"),
        ("aftersales.kind.Return", "退货退款", "Return and refund"),
        ("aftersales.kind.Exchange", "换货", "Exchange"),
        ("aftersales.quantity", "数量", "Quantity"),
        ("aftersales.reason", "原因", "Reason"),
        ("aftersales.submit", "提交申请", "Send the request"),
        ("aftersales.requests", "售后记录", "Requests"),
        ("aftersales.none", "还没有售后申请。", "No after-sales requests yet."),
        ("aftersales.state", "进度", "Progress"),
        ("aftersales.state.Requested", "待商家处理", "Waiting for the merchant"),
        ("aftersales.state.Approved", "已同意，请寄回商品", "Approved: send the goods back"),
        ("aftersales.state.Rejected", "商家已拒绝", "Rejected by the merchant"),
        ("aftersales.state.ReturnShipped", "已寄回，待商家收货", "Sent back, waiting for the merchant"),
        ("aftersales.state.Completed", "已完成", "Completed"),
        ("aftersales.state.Disputed", "平台介入中", "Disputed: the platform decides"),
        ("aftersales.state.Closed", "已关闭", "Closed"),
        ("aftersales.refunded", "已退款 {0}", "Refunded {0}"),
        ("aftersales.merchantNote", "商家说明", "Merchant's note"),
        ("aftersales.disputeReason", "申诉理由", "Dispute reason"),
        ("aftersales.operatorNote", "平台裁决", "Platform's ruling"),
        ("aftersales.tracking", "退货快递单号", "Return tracking number"),
        ("aftersales.sendTracking", "提交单号", "Send the tracking number"),
        ("aftersales.dispute", "申请平台介入", "Ask the platform to decide"),
        ("aftersales.approve", "同意", "Approve"),
        ("aftersales.reject", "拒绝", "Reject"),
        ("aftersales.rejectReason", "拒绝原因", "Reason for rejecting"),
        ("aftersales.received", "确认收到退货", "Confirm goods received"),
        ("aftersales.receivedHint", "确认后商品退回库存；退货会原路退款，换货会发出新商品。", "Confirming puts the goods back in stock; a return is refunded the way it was paid, an exchange ships a replacement."),
        ("aftersales.filter.open", "待处理", "To handle"),
        ("aftersales.filter.all", "全部", "All"),
        ("aftersales.createdAt", "申请时间", "Asked at"),
        ("aftersales.ruleForConsumer", "支持消费者", "Rule for the consumer"),
        ("aftersales.ruleForMerchant", "支持商家", "Rule for the merchant"),
        ("aftersales.ruling", "裁决说明", "Ruling"),
        ("aftersales.done", "已提交。", "Done."),
    ];
}
