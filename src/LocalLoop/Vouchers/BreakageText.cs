using LocalLoop.Platform.Localization;

namespace LocalLoop.Vouchers;

/// <summary>The breakage report's strings (merchant console and operator console).</summary>
public sealed class BreakageText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("breakage.nav", "核销报表", "Breakage report"),
        ("breakage.title", "核销与过期报表", "Breakage report"),
        ("breakage.intro", "按购买日期（北京时间）统计所选期间售出的券：已核销、退款、过期未用和仍可使用的数量。",
            "Vouchers bought in the chosen period (by China date): how many were used, refunded, expired unused, or are still open."),
        ("breakage.from", "开始日期", "From"),
        ("breakage.to", "结束日期", "To"),
        ("breakage.merchant", "商家", "Merchant"),
        ("breakage.allMerchants", "全部商家", "All merchants"),
        ("breakage.apply", "查看", "Show"),
        ("breakage.sold", "售出", "Sold"),
        ("breakage.verified", "已核销", "Verified"),
        ("breakage.refundedOnRequest", "申请退款", "Refunded on request"),
        ("breakage.refundedAtExpiry", "过期自动退", "Refunded at expiry"),
        ("breakage.expiredUnused", "过期未用（不可退）", "Expired unused (non-refundable)"),
        ("breakage.open", "未使用（有效期内）", "Still open"),
        ("breakage.rate", "核销率", "Redemption rate"),
        ("breakage.rateHint", "已核销 ÷（售出 − 申请退款）", "verified ÷ (sold − refunded on request)"),
        ("breakage.medianTime", "购买到核销（中位数）", "Purchase to use (median)"),
        ("breakage.p90Time", "购买到核销（90 分位）", "Purchase to use (90th percentile)"),
        ("breakage.hours", "{0} 小时", "{0} h"),
        ("breakage.days", "{0} 天", "{0} days"),
        ("breakage.none", "—", "—"),
        ("breakage.chartTitle", "各团购券的去向", "What became of each deal's vouchers"),
        ("breakage.chartCaption", "每根柱为一个团购在所选期间售出的券，按去向分段。", "Each bar is one deal's vouchers sold in the period, split by what became of them."),
        ("breakage.durationTitle", "从购买到核销用了多久", "Time from purchase to verification"),
        ("breakage.durationCaption", "按北京时间的自然日计算；共 {0} 张已核销。", "By calendar days in China time; {0} verified vouchers."),
        ("breakage.bucket.sameDay", "当天", "Same day"),
        ("breakage.bucket.1-3", "1–3 天", "1–3 days"),
        ("breakage.bucket.4-7", "4–7 天", "4–7 days"),
        ("breakage.bucket.8-30", "8–30 天", "8–30 days"),
        ("breakage.bucket.30+", "30 天以上", "Over 30 days"),
        ("breakage.table", "按团购明细", "By deal"),
        ("breakage.deal", "团购", "Deal"),
        ("breakage.stores", "核销门店", "Verified at"),
        ("breakage.total", "合计", "Total"),
        ("breakage.empty", "所选期间没有售出的券。", "No vouchers were sold in this period."),
    ];
}
