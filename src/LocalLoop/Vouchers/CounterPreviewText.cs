using LocalLoop.Platform.Localization;

namespace LocalLoop.Vouchers;

/// <summary>The counter's preview card, its camera scanner, and the owner's per-store assignment of clerks.</summary>
public sealed class CounterPreviewText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("preview.submit", "查看券信息", "Check the code"),
        ("preview.usable", "可以核销", "Can be used here"),
        ("preview.confirm", "确认核销", "Confirm"),
        ("preview.cancel", "取消", "Cancel"),
        ("preview.contents", "套餐内容", "Contents"),
        ("preview.validUntil", "有效期至", "Valid until"),
        ("preview.uses", "剩余次数", "Uses left"),
        ("preview.refundPolicy", "退款规则", "Refund policy"),
        ("preview.honouredAt", "适用门店", "Honoured at"),
        ("preview.here", "当前门店", "This store"),
        ("preview.notUsable", "不能核销：", "Cannot be used: "),

        ("scan.start", "扫码", "Scan"),
        ("scan.stop", "停止扫码", "Stop scanning"),
        ("scan.video", "摄像头画面：请将顾客的券二维码对准取景框", "Camera view: hold the customer's voucher QR code in the frame"),
        ("scan.starting", "正在打开摄像头…", "Opening the camera…"),
        ("scan.looking", "请将券二维码对准摄像头。", "Point the camera at the voucher's QR code."),
        ("scan.found", "已识别券码，正在查询…", "Code found, checking it…"),
        ("scan.notVoucher", "这不是券码二维码（内容：{0}）。请扫描顾客“我的券”页面上的二维码。", "This QR code is not a voucher code (it says: {0}). Scan the QR code on the customer's My vouchers page."),
        ("scan.denied", "没有摄像头权限。请在浏览器设置中允许使用摄像头，或直接输入券码。", "Camera permission was denied. Allow the camera in the browser settings, or type the code."),
        ("scan.noCamera", "没有找到可用的摄像头。请直接输入券码。", "No camera was found. Type the code instead."),
        ("scan.unsupported", "此浏览器无法在本页面使用摄像头（需要 HTTPS）。请直接输入券码。", "This browser cannot use the camera on this page (HTTPS is needed). Type the code instead."),
        ("scan.failed", "无法打开摄像头。请直接输入券码。", "The camera could not be opened. Type the code instead."),

        ("verify.error.notAssigned", "您未被分配到该门店", "Not your store"),

        ("staffStores.column", "可核销门店", "Stores"),
        ("staffStores.all", "全部门店", "All stores"),
        ("staffStores.owner", "全部门店（店主）", "All stores (owner)"),
        ("staffStores.edit", "分配门店", "Assign stores"),
        ("staffStores.legend", "{0} 可以在以下门店核销", "Stores where {0} may verify"),
        ("staffStores.hint", "不勾选任何门店：可在全部门店核销。", "Tick none: every store."),
        ("staffStores.save", "保存", "Save"),
        ("staffStores.saved", "已更新 {0} 的门店。", "Stores of {0} updated."),
    ];
}
