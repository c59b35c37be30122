using LocalLoop.Platform.Localization;

namespace LocalLoop.Deals;

/// <summary>UI texts of the validity rules: the owner's form, the consumer's pages and the counter's headlines.</summary>
public sealed class RulesText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("rules.error.notYetValid", "该券尚未生效", "Not valid yet"),
        ("rules.error.unusableDate", "该券今日不可用", "Not usable today"),
        ("rules.error.outsideHours", "不在可用时段", "Outside usable hours"),
        ("rules.error.perVisitLimit", "超出每桌限用张数", "Per-visit limit reached"),
        ("rules.vouchers.notYetValid", "未生效", "Not valid yet"),
        ("rules.heading", "使用规则", "Rules of use"),
        ("rules.validFromUntil", "有效期 {0} 至 {1}", "Valid {0} to {1}"),
        ("rules.form.legend", "使用规则", "Rules of use"),
        ("rules.form.intro", "顾客付款前会看到这些规则；核销时按上海时间检查。", "Consumers see these rules before paying; the counter checks them in Shanghai time."),
        ("rules.form.validity", "有效期", "Validity"),
        ("rules.form.days", "购买后 N 天内有效（到第 N 天 23:59）", "N days from purchase (until 23:59 on day N)"),
        ("rules.form.window", "固定日期", "Fixed dates"),
        ("rules.form.validFrom", "开始日期", "First day"),
        ("rules.form.validUntil", "结束日期", "Last day"),
        ("rules.form.weekendsOff", "周末不可用", "Not usable at weekends"),
        ("rules.form.holidaysOff", "法定节假日不可用", "Not usable on public holidays"),
        ("rules.form.unusableDates", "其他不可用日期", "Other unusable dates"),
        ("rules.form.unusableDatesHint", "每行或用逗号分隔一个日期，如 2026-12-24；最多 60 个。", "One date per line or comma-separated, like 2026-12-24; at most 60."),
        ("rules.form.hours", "可用时段", "Usable hours"),
        ("rules.form.hoursHint", "不限则留空；可跨午夜，如 17:00–02:00（凌晨时段计入前一天）。", "Leave empty for all day; may cross midnight, like 17:00–02:00 (after midnight counts for the day before)."),
        ("rules.form.usableFrom", "开始", "From"),
        ("rules.form.usableUntil", "结束", "Until"),
        ("rules.form.perVisitLimit", "每桌限用（张）", "Per table/visit (vouchers)"),
        ("rules.form.perVisitLimitHint", "同一顾客同一天在同一门店最多使用的张数；不限则留空。", "How many one customer may use at one store on one day; leave empty for no limit."),
        ("rules.form.bookingRequired", "需预约", "Booking required"),
        ("rules.form.bookingNote", "预约说明", "Booking note"),
        ("rules.form.bookingNotePlaceholder", "请提前 1 天电话预约", "Call one day ahead to book"),
        ("rules.form.windowRequired", "请选择固定日期的开始和结束日期。", "Choose the first and the last day of the fixed dates."),
        ("rules.form.badLimit", "每桌限用张数须为 1 到 99 的整数，不限则留空。", "The per-visit limit must be a whole number from 1 to 99, or empty."),
    ];
}
