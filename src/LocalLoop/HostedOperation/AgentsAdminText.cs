using LocalLoop.Platform.Localization;

namespace LocalLoop.HostedOperation;

/// <summary>UI texts of the admin's platform agents page.</summary>
public sealed class AgentsAdminText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("gaps4.agents.nav", "代运营人员", "Agents"),
        ("gaps4.agents.title", "平台代运营人员", "Platform agents"),
        ("gaps4.agents.intro", "代运营人员可经商家授权代为经营店铺。移除后其所有授权立即撤销。",
            "Agents run shops for merchants who grant them. Removing an agent revokes all their grants at once."),
        ("gaps4.agents.contact", "用户邮箱或手机号", "User's email or phone"),
        ("gaps4.agents.contactHint", "须为平台账号，商家员工账号不可。", "A platform account, not a merchant's staff account."),
        ("gaps4.agents.appoint", "设为代运营", "Appoint as agent"),
        ("gaps4.agents.appointed", "已将 {0} 设为代运营人员。", "{0} is now an agent."),
        ("gaps4.agents.removed", "已移除该代运营人员，其授权均已撤销。", "The agent was removed and their grants revoked."),
        ("gaps4.agents.none", "还没有代运营人员。", "No agents yet."),
        ("gaps4.agents.agent", "代运营人员", "Agent"),
        ("gaps4.agents.operating", "当前代运营的商家", "Operating now"),
        ("gaps4.agents.operatingNone", "暂无", "None"),
        ("gaps4.agents.remove", "移除", "Remove"),
    ];
}
