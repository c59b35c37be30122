using Microsoft.AspNetCore.Identity;

namespace LocalLoop.Platform.Identity;

/// <summary>
/// Identity's own refusals (password rules, a taken email) in Chinese, by their stable codes, for the
/// Chinese side of a <see cref="ValidationException"/>. Identity's descriptions stay the English side.
/// </summary>
public static class IdentityErrorText
{
    public static string Chinese(IEnumerable<IdentityError> errors, PasswordOptions rules) =>
        string.Concat(errors.Select(e => Chinese(e, rules)).Distinct());

    public static string Chinese(IdentityError error, PasswordOptions rules) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => "该邮箱已注册，请换一个邮箱。",
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "邮箱地址格式不正确，请检查后重新填写。",
        nameof(IdentityErrorDescriber.PasswordTooShort) => $"密码至少需要 {rules.RequiredLength} 个字符。",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码须包含至少一个数字。",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "密码须包含至少一个小写字母。",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "密码须包含至少一个大写字母。",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "密码须包含至少一个符号（如 ! 或 #）。",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => $"密码须包含至少 {rules.RequiredUniqueChars} 个不同的字符。",
        _ => $"账户未能创建：{error.Description}",
    };
}
