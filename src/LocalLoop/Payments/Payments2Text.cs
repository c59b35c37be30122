using LocalLoop.Platform.Localization;

namespace LocalLoop.Payments;

/// <summary>Strings of checkout payments (wallet holds) and the merchant's payment settings (decision 0029).</summary>
public sealed class Payments2Text : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("payments2.kind.hold", "组合支付：余额预扣", "Combined payment: wallet part held"),
        ("payments2.kind.release", "组合支付取消：余额退回", "Combined payment given up: wallet part returned"),
        ("payments2.nav", "收款设置", "Payment settings"),
        ("payments2.settings.title", "收款设置", "Payment settings"),
        ("payments2.settings.cashOnDelivery", "支持货到付款", "Accept cash on delivery"),
        ("payments2.settings.cashOnDeliveryHint", "开启后，顾客可对快递和同城配送订单选择货到付款；订单完成时按佣金比例从待结算中扣除平台佣金。",
            "Consumers may then pay cash for shipped and delivered orders; at completion the platform's commission is charged to your pending balance."),
        ("payments2.settings.save", "保存", "Save"),
        ("payments2.settings.saved", "收款设置已保存。", "Payment settings saved."),
    ];
}
