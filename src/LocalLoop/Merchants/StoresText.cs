using LocalLoop.Platform.Localization;

namespace LocalLoop.Merchants;

/// <summary>Strings of store hours and set-up, the consumer store page's opening state, and recent views.</summary>
public sealed class StoresText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("stores.openNow", "营业中", "Open now"),
        ("stores.closedNow", "休息中", "Closed"),
        ("stores.closesAt", "{0} 打烊", "Closes at {0}"),
        ("stores.opensToday", "今天 {0} 开门", "Opens today at {0}"),
        ("stores.opensOn", "{2}（{1}）{0} 开门", "Opens {2} ({1}) at {0}"),
        ("stores.todayHours", "今日营业", "Today"),
        ("stores.weekHours", "每周营业时间", "Opening hours"),
        ("stores.upcoming", "近期特殊营业", "Coming up"),
        ("stores.closedAllDay", "全天休息", "Closed all day"),
        ("stores.products", "本店商品", "Products"),
        ("stores.fromPrice", "{0} 起", "from {0}"),
        ("stores.noPhotos", "商家还没有上传门店照片", "No photos of this store yet"),
        ("stores.day.Monday", "周一", "Monday"),
        ("stores.day.Tuesday", "周二", "Tuesday"),
        ("stores.day.Wednesday", "周三", "Wednesday"),
        ("stores.day.Thursday", "周四", "Thursday"),
        ("stores.day.Friday", "周五", "Friday"),
        ("stores.day.Saturday", "周六", "Saturday"),
        ("stores.day.Sunday", "周日", "Sunday"),

        ("stores.recent.title", "最近浏览", "Recently viewed"),
        ("stores.recent.empty", "你还没有浏览过门店或团购。", "You have not viewed any store or deal yet."),
        ("stores.recent.kind.Store", "门店", "Store"),
        ("stores.recent.kind.Deal", "团购", "Deal"),
        ("stores.recent.kind.Product", "商品", "Product"),

        ("stores.setup.title", "门店设置：{0}", "Store set-up: {0}"),
        ("stores.setup.link", "设置", "Set up"),
        ("stores.setup.back", "返回门店列表", "Back to stores"),
        ("stores.setup.details", "基本信息", "Details"),
        ("stores.setup.timeZone", "时区（IANA）", "Time zone (IANA)"),
        ("stores.setup.radius", "服务半径（公里）", "Service radius (km)"),
        ("stores.setup.saveDetails", "保存信息", "Save details"),
        ("stores.setup.saved", "已保存。", "Saved."),
        ("stores.setup.week", "每周营业时间", "Weekly hours"),
        ("stores.setup.weekHint", "每天可填多个时段，用逗号分隔，例如 10:00-14:00, 17:00-02:00（关门早于开门表示营业到次日凌晨）；留空表示当天休息。",
            "Several periods a day, separated by commas, e.g. 10:00-14:00, 17:00-02:00 (closing before opening runs past midnight); empty means closed."),
        ("stores.setup.saveWeek", "保存营业时间", "Save hours"),
        ("stores.setup.badPeriods", "请按 10:00-14:00 的格式填写时段，多个时段用逗号分隔。", "Write periods like 10:00-14:00, separated by commas."),
        ("stores.setup.exceptions", "节假日与特殊营业", "Holidays and special hours"),
        ("stores.setup.noExceptions", "还没有特殊营业日。", "No special days yet."),
        ("stores.setup.date", "日期", "Date"),
        ("stores.setup.closed", "全天休息", "Closed all day"),
        ("stores.setup.opens", "开门", "Opens"),
        ("stores.setup.closes", "关门", "Closes"),
        ("stores.setup.note", "备注（如 春节）", "Note (e.g. Spring Festival)"),
        ("stores.setup.addException", "保存特殊营业日", "Save special day"),
        ("stores.setup.remove", "删除", "Remove"),
        ("stores.setup.hoursCount", "{0} 个时段", "{0} periods"),
    ];
}
