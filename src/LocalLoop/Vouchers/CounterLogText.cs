using LocalLoop.Platform.Localization;

namespace LocalLoop.Vouchers;

/// <summary>The strings of the counter's verification log rows: a card's use and value, an external platform's badge.</summary>
public sealed class CounterLogText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("counterLog.cardUse", "第 {0} 次 · {1}", "Use {0} · {1}"),
        ("counterLog.external", "三方 · {0}", "External · {0}"),
    ];
}
