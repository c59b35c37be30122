using LocalLoop.Platform.Localization;

namespace LocalLoop.Operations;

/// <summary>The operator console's strings, and the sandbox gateway's hosted cashier's.</summary>
public sealed class OperatorText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("admin.nav.label", "运营后台导航", "Operator console"),
        ("admin.nav.dashboard", "概览", "Dashboard"),
        ("admin.nav.merchants", "商家审核", "Merchant applications"),
        ("admin.nav.deals", "团购审核", "Deal reviews"),
        ("admin.actions", "操作", "Actions"),
        ("admin.rejectReason", "驳回原因", "Reason for rejecting"),
        ("admin.rejectReasonPlaceholder", "驳回原因（必填，申请人可见）", "Reason (required, shown to the applicant)"),
        ("admin.reasonRequired", "驳回时必须填写原因。", "Give a reason when rejecting."),
        ("admin.status.Pending", "待审核", "Pending"),
        ("admin.status.Approved", "已通过", "Approved"),
        ("admin.status.Rejected", "已驳回", "Rejected"),

        ("admin.dashboard.title", "运营后台", "Operator console"),
        ("admin.dashboard.queues", "待办与规模", "Queues and size"),
        ("admin.dashboard.money", "资金", "Money"),
        ("admin.dashboard.openQueue", "去审核", "Open queue"),
        ("admin.dashboard.chartTitle", "近 14 天每日成交额（GMV）", "GMV per day, last 14 days"),
        ("admin.dashboard.chartCaption", "按北京时间统计已支付订单金额。", "Paid orders, by day in China Standard Time."),
        ("admin.dashboard.barValue", "{0}，{1} 笔订单", "{0}, {1} orders"),
        ("admin.kpi.merchantsPending", "待审核商家", "Merchants to review"),
        ("admin.kpi.dealsPending", "待审核团购", "Deals to review"),
        ("admin.kpi.merchants", "商家数", "Merchants"),
        ("admin.kpi.liveDeals", "在线团购", "Live deals"),
        ("admin.kpi.gmv", "成交额 GMV", "GMV"),
        ("admin.kpi.commission", "佣金收入", "Commission earned"),
        ("admin.kpi.escrow", "托管资金", "Escrow"),
        ("admin.kpi.escrowHint", "已支付、尚未核销或退款", "Paid, not yet consumed or refunded"),
        ("admin.kpi.ledgerSum", "账本合计", "Ledger sum"),
        ("admin.kpi.ledgerBalanced", "借贷平衡", "Balanced"),
        ("admin.kpi.ledgerUnbalanced", "不平衡！请立即排查", "Out of balance: investigate now"),

        ("admin.merchants.title", "商家入驻审核", "Merchant applications"),
        ("admin.merchants.pending", "待审核", "Waiting for review"),
        ("admin.merchants.nonePending", "没有待审核的申请。", "No applications are waiting."),
        ("admin.merchants.decided", "已审核", "Decided"),
        ("admin.merchants.business", "商户", "Business"),
        ("admin.merchants.license", "营业执照号", "Licence number"),
        ("admin.merchants.contact", "联系人", "Contact"),
        ("admin.merchants.category", "类目", "Category"),
        ("admin.merchants.submitted", "提交时间", "Submitted"),
        ("admin.merchants.reviewed", "审核时间", "Reviewed"),
        ("admin.merchants.approved", "已通过「{0}」的入驻申请。", "Approved: {0} is now a merchant."),
        ("admin.merchants.rejected", "已驳回申请，申请人会收到原因。", "Application rejected; the applicant will see your reason."),

        ("admin.deals.title", "团购审核", "Deal reviews"),
        ("admin.deals.pending", "待审核团购", "Deals waiting for review"),
        ("admin.deals.nonePending", "没有待审核的团购。", "No deals are waiting."),
        ("admin.deals.merchant", "商家", "Merchant"),
        ("admin.deals.deal", "团购内容", "Deal"),
        ("admin.deals.price", "团购价", "Price"),
        ("admin.deals.originalPrice", "门市价", "Original price"),
        ("admin.deals.ratio", "{0}% 的门市价", "{0}% of original"),
        ("admin.deals.validity", "有效期", "Validity"),
        ("admin.deals.stores", "适用门店", "Stores"),
        ("admin.deals.approved", "「{0}」已上线。", "“{0}” is live."),
        ("admin.deals.rejected", "已驳回「{0}」，商家会收到原因。", "“{0}” rejected; the merchant will see your reason."),

        ("cashier.title", "收银台", "Checkout"),
        ("cashier.payTo", "付款给", "Paying for"),
        ("cashier.amount", "支付金额", "Amount"),
        ("cashier.confirm", "确认支付", "Confirm payment"),
        ("cashier.cancel", "取消", "Cancel"),
        ("cashier.alreadyPaid", "该订单已支付", "Already paid"),
        ("cashier.closed", "该交易已关闭", "This payment was cancelled"),
        ("cashier.back", "返回商户", "Back to the merchant"),
        ("cashier.transactionId", "交易号", "Transaction"),
        ("cashier.tradeNo", "商户订单号", "Merchant order no."),
        ("cashier.note", "沙箱环境：不会发生真实扣款。", "Sandbox: no real money moves."),
    ];
}
