using LocalLoop.Platform.Localization;

namespace LocalLoop.Vouchers;

/// <summary>The strings added by the voucher leftovers of decision 0023: the pager of My vouchers.</summary>
public sealed class Gaps3Text : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("gaps3.vouchers.pageOf", "第 {0} / {1} 页，共 {2} 张券", "Page {0} of {1}, {2} vouchers"),
    ];
}
