using LocalLoop.Platform.Localization;

namespace LocalLoop.Platform.Identity;

/// <summary>Strings of the sign-in, registration and sign-out pages.</summary>
public sealed class AccountText : ITextSource
{
    public IEnumerable<(string Key, string Zh, string En)> Entries =>
    [
        ("account.login.title", "登录", "Sign in"),
        ("account.login.submit", "登录", "Sign in"),
        ("account.login.link", "去登录", "Sign in"),
        ("account.login.noAccount", "还没有账号？", "No account yet?"),
        ("account.register.title", "注册账号", "Create an account"),
        ("account.register.submit", "注册并登录", "Create account and sign in"),
        ("account.register.link", "免费注册", "Create one"),
        ("account.register.haveAccount", "已有账号？", "Already have an account?"),
        ("account.logout.title", "退出登录", "Sign out"),
        ("account.logout.confirm", "确定要退出登录吗？", "Do you want to sign out?"),
        ("account.logout.done", "你已退出登录。", "You are signed out."),
        ("account.denied.title", "没有权限", "Access denied"),
        ("account.denied.body", "当前账号无权访问这个页面。如需访问，请换一个有权限的账号登录。", "This account may not open that page. Sign in with an account that has access."),
        ("account.denied.switch", "换个账号登录", "Sign in as someone else"),
        ("account.email", "邮箱", "Email"),
        ("account.password", "密码", "Password"),
        ("account.passwordHint", "至少 8 位，需包含小写字母和数字。", "At least 8 characters, including a lowercase letter and a digit."),
        ("account.name", "昵称", "Name"),
        ("account.phone", "手机号", "Phone"),
        ("account.optional", "（选填）", "(optional)"),
        ("account.rememberMe", "记住我", "Keep me signed in"),
        ("account.nameRequired", "请输入昵称。", "Enter your name."),
        ("account.emailRequired", "请输入邮箱。", "Enter your email."),
        ("account.emailTaken", "该邮箱已注册，请直接登录。", "This email is already registered: sign in instead."),
        ("account.passwordRequired", "请输入密码。", "Enter your password."),
        ("account.badCredentials", "邮箱或密码不正确。", "Email or password is wrong."),
        ("account.lockedOut", "登录失败次数过多，账号已临时锁定，请 5 分钟后再试。", "Too many failed sign-ins: this account is locked. Try again in 5 minutes."),
        ("account.notAllowed", "该账号暂时不能登录（可能已被商家停用）。", "This account may not sign in (its merchant may have disabled it)."),
        ("account.demo.title", "演示账号", "Demo accounts"),
        ("account.demo.password", "密码", "password"),
        ("account.demo.consumer", "消费者", "Consumer"),
        ("account.demo.owner", "商家店主", "Merchant owner"),
        ("account.demo.clerk", "店员", "Clerk"),
        ("account.demo.reviewer", "平台审核", "Reviewer"),
    ];
}
