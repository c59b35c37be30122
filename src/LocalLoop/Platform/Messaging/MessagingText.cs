using LocalLoop.Platform.Localization;

namespace LocalLoop.Platform.Messaging;

/// <summary>Strings of the operator's message log and the consumer's reminder settings.</summary>
public sealed class MessagingText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("messaging.nav", "短信与邮件", "Messages"),
        ("messaging.title", "短信与邮件发送记录", "Outbound messages"),
        ("messaging.intro", "最近 {0} 条短信和邮件；号码已打码。", "The latest {0} SMS and emails; numbers are masked."),
        ("messaging.filter", "状态", "Status"),
        ("messaging.all", "全部", "All"),
        ("messaging.channel", "渠道", "Channel"),
        ("messaging.to", "接收人", "To"),
        ("messaging.template", "模板", "Template"),
        ("messaging.status", "状态", "Status"),
        ("messaging.attempts", "尝试次数", "Attempts"),
        ("messaging.created", "创建时间", "Created"),
        ("messaging.sent", "发送时间", "Sent"),
        ("messaging.lastError", "最近错误", "Last error"),
        ("messaging.empty", "还没有发送过短信或邮件。", "No messages yet."),
        ("messaging.channel.Sms", "短信", "SMS"),
        ("messaging.channel.Email", "邮件", "Email"),
        ("messaging.status.Pending", "待发送", "Pending"),
        ("messaging.status.Sent", "已发送", "Sent"),
        ("messaging.status.Failed", "发送失败", "Failed"),
        ("messaging.prefs.title", "到期提醒", "Expiry reminders"),
        ("messaging.prefs.intro", "券到期前我们会在站内消息中提醒您；您也可以选择是否同时通过短信和邮件提醒。",
            "We remind you in your inbox before a voucher expires; choose whether we also send an SMS and an email."),
        ("messaging.prefs.sms", "短信提醒（{0}）", "SMS reminders ({0})"),
        ("messaging.prefs.email", "邮件提醒（{0}）", "Email reminders ({0})"),
        ("messaging.prefs.noPhone", "未填写手机号", "no phone number on file"),
        ("messaging.prefs.noEmail", "未填写邮箱", "no email address on file"),
        ("messaging.prefs.save", "保存", "Save"),
        ("messaging.prefs.saved", "已保存。", "Saved."),
        ("messaging.prefs.link", "到期提醒设置", "Reminder settings"),
    ];
}
