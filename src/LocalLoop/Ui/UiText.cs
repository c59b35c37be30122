using LocalLoop.Platform.Localization;

namespace LocalLoop.Ui;

public sealed class UiText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("layout.tagline", "本地生活", "local life"),
        ("layout.nav", "主导航", "Main navigation"),
        ("layout.nearby", "附近好券", "Nearby deals"),
        ("layout.myVouchers", "我的券", "My vouchers"),
        ("layout.wallet", "钱包", "Wallet"),
        ("layout.inbox", "消息", "Inbox"),
        ("layout.merchantConsole", "商家中心", "Merchant console"),
        ("layout.apply", "商家入驻", "Become a merchant"),
        ("layout.operatorConsole", "运营后台", "Operator console"),
        ("layout.signIn", "登录", "Sign in"),
        ("layout.signOut", "退出", "Sign out"),
        ("common.save", "保存", "Save"),
        ("common.cancel", "取消", "Cancel"),
        ("common.submit", "提交", "Submit"),
        ("common.empty", "暂无内容", "Nothing here yet"),
        ("common.km", "{0} 公里", "{0} km"),
        ("common.approve", "通过", "Approve"),
        ("common.reject", "驳回", "Reject"),
        ("common.reason", "原因", "Reason"),
        ("common.status", "状态", "Status"),
        ("common.back", "返回", "Back"),
        ("common.loading", "处理中…", "Working…"),
    ];
}
