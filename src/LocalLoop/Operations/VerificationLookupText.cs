using LocalLoop.Platform.Localization;

namespace LocalLoop.Operations;

/// <summary>Strings of the operator's verification lookup (/admin/verifications).</summary>
public sealed class VerificationLookupText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("verlookup.nav", "核销查询", "Verifications"),
        ("verlookup.title", "核销记录查询", "Verification lookup"),
        ("verlookup.intro", "按券码（12 位数字）或三方券码查询，或选择商家和日期（北京时间）查询每一次核销尝试。管理员可对成功且未冲正的核销填写原因后冲正；三方券会先在其平台撤销。",
            "Search by voucher code (12 digits) or external code, or by merchant and date (Beijing time), to see every verification attempt. Admins can reverse a successful, unreversed verification with a reason; an external code is reversed on its platform first."),
        ("verlookup.code", "券码", "Code"),
        ("verlookup.codeHint", "12 位券码或 EX 开头的三方券码", "12-digit code or an EX… external code"),
        ("verlookup.merchant", "商家", "Merchant"),
        ("verlookup.anyMerchant", "选择商家", "Choose a merchant"),
        ("verlookup.date", "日期", "Date"),
        ("verlookup.search", "查询", "Search"),
        ("verlookup.none", "没有找到核销记录。", "No verifications found."),
        ("verlookup.when", "时间", "When"),
        ("verlookup.store", "门店", "Store"),
        ("verlookup.clerk", "店员", "Clerk"),
        ("verlookup.outcome", "结果", "Outcome"),
        ("verlookup.value", "金额", "Value"),
        ("verlookup.reversal", "冲正", "Reversal"),
        ("verlookup.external", "三方券", "External"),
        ("verlookup.succeeded", "核销成功", "Verified"),
        ("verlookup.refused", "未通过", "Refused"),
        ("verlookup.reversedBadge", "已冲正", "Reversed"),
        ("verlookup.reason", "冲正原因", "Reason for the reversal"),
        ("verlookup.reverse", "冲正", "Reverse"),
        ("verlookup.reversed", "已冲正。", "Reversed."),
    ];
}
