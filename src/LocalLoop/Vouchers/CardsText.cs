using LocalLoop.Platform.Localization;

namespace LocalLoop.Vouchers;

/// <summary>The strings of multi-use vouchers (次卡): the deal form's field, the deal page, My vouchers and the counter.</summary>
public sealed class CardsText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("cards.newDeal.uses", "每张券可用次数", "Uses per voucher"),
        ("cards.newDeal.usesHint", "1 为普通券；2 到 100 为次卡（如 10 次健身、5 次洗车），每次核销一次，未用的次数按比例退款。",
            "1 is an ordinary voucher; 2 to 100 make a card (e.g. 10 gym visits, 5 car washes), verified one use at a time; unused uses are refunded pro rata."),
        ("cards.newDeal.badUses", "请输入 1 到 {0} 之间的整数。", "Enter a whole number from 1 to {0}."),
        ("cards.deal.rule", "次卡：共 {0} 次，每次到店核销 1 次；未使用的次数按比例退款。", "A card of {0} uses, one verified per visit; unused uses are refunded pro rata."),
        ("cards.verify.uses", "次卡", "Card"),
        ("cards.vouchers.state.inUse", "使用中", "In use"),
        ("cards.vouchers.history", "使用记录", "Usage history"),
        ("cards.vouchers.used", "{0} 在{1}核销 1 次（{2}）", "{0}: one use at {1} ({2})"),
        ("cards.vouchers.reversed", "已撤销：{0}", "reversed: {0}"),
        ("cards.vouchers.refundRest", "退还未使用的 {0} 次：{1}", "Refund the {0} unused uses: {1}"),
    ];
}
