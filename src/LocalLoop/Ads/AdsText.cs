using LocalLoop.Platform.Localization;

namespace LocalLoop.Ads;

/// <summary>Strings of the operator's ad pages and the home banner.</summary>
public sealed class AdsText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("ads.nav", "广告位", "Ads"),
        ("ads.title", "广告位管理", "Ad slots"),
        ("ads.list", "投放中的广告", "Placements"),
        ("ads.none", "还没有广告。", "No placements yet."),
        ("ads.create", "新建广告", "New placement"),
        ("ads.edit", "编辑广告", "Edit placement"),
        ("ads.save", "保存", "Save"),
        ("ads.saved", "已保存。", "Saved."),
        ("ads.pause", "暂停", "Pause"),
        ("ads.resume", "恢复", "Resume"),
        ("ads.slot", "广告位", "Slot"),
        ("ads.city", "城市商圈", "City"),
        ("ads.targetKind", "投放目标", "Target"),
        ("ads.targetId", "目标编号（门店 / 团购 / 商品）", "Target id (store / deal / product)"),
        ("ads.targetUrl", "目标网址", "Target URL"),
        ("ads.titleField", "标题", "Title"),
        ("ads.imageUrl", "图片地址", "Image URL"),
        ("ads.startsAt", "开始（北京时间）", "Starts (Beijing time)"),
        ("ads.endsAt", "结束（北京时间）", "Ends (Beijing time)"),
        ("ads.sortOrder", "排序（小的在前）", "Order (lower first)"),
        ("ads.status", "状态", "Status"),
        ("ads.active", "投放中", "Active"),
        ("ads.paused", "已暂停", "Paused"),
        ("ads.schedule", "排期", "Schedule"),
        ("ads.report", "近 30 天效果（按广告位和商户）", "Last 30 days by slot and merchant"),
        ("ads.impressions", "曝光", "Impressions"),
        ("ads.clicks", "点击", "Clicks"),
        ("ads.ctr", "点击率", "CTR"),
        ("ads.merchant", "商户", "Merchant"),
        ("ads.chartTitle", "各广告位与商户的曝光", "Impressions by slot and merchant"),
        ("ads.noStats", "还没有曝光数据。", "No impressions yet."),
        ("ads.banner", "推荐", "Featured"),
        ("ads.badDate", "请按 2026-12-01 10:00 的格式填写时间。", "Enter a time like 2026-12-01 10:00."),
    ];
}
