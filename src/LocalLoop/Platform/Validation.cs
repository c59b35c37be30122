using System.Text.RegularExpressions;

namespace LocalLoop.Platform;

/// <summary>
/// Collects field errors and throws them together, so a form shows every problem at once. Every message is
/// given in English and in Chinese.
/// </summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, string> _errors = [];
    private readonly Dictionary<string, string> _chineseErrors = [];

    public void Check(string field, bool ok, string english, string chinese)
    {
        if (!ok && _errors.TryAdd(field, english))
        {
            _chineseErrors[field] = chinese;
        }
    }

    /// <param name="label">The field's English name ("Store name").</param>
    /// <param name="labelZh">The field's Chinese name ("门店名称").</param>
    public void Required(string field, string? value, int maxLength, string label, string labelZh)
    {
        Check(field, !string.IsNullOrWhiteSpace(value), $"{label} is required.", $"请填写{labelZh}。");
        Check(field, value is null || value.Trim().Length <= maxLength, $"{label} must be at most {maxLength} characters.",
            $"{labelZh}不能超过 {maxLength} 个字符。");
    }

    public void Phone(string field, string? value) =>
        Check(field, value is not null && PhonePattern().IsMatch(value.Trim()),
            "Enter a phone number of 5 to 20 digits (+, spaces and dashes allowed).",
            "请填写 5 到 20 位的电话号码（可含 +、空格和短横线）。");

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors, _chineseErrors);
        }
    }

    public static ValidationException Single(string field, string english, string chinese) =>
        new(new Dictionary<string, string> { [field] = english }, new Dictionary<string, string> { [field] = chinese });

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{3,18}[0-9]$")]
    private static partial Regex PhonePattern();
}

/// <summary>Bad input: 400 with one message per field, in English (<see cref="Errors"/>) and Chinese (<see cref="ChineseErrors"/>).</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string> chineseErrors)
    : DomainException("validation_failed", string.Join(" ", errors.Values), string.Concat(chineseErrors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    /// <summary>The same fields as <see cref="Errors"/>, with the Chinese messages.</summary>
    public IReadOnlyDictionary<string, string> ChineseErrors { get; } = chineseErrors;

    public IReadOnlyDictionary<string, string> ErrorsIn(bool chinese) => chinese ? ChineseErrors : Errors;
}
