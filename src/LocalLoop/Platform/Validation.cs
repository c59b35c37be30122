using System.Text.RegularExpressions;

namespace LocalLoop.Platform;

/// <summary>Collects field errors and throws them together, so a form shows every problem at once.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, string> _errors = [];

    public void Check(string field, bool ok, string message)
    {
        if (!ok)
        {
            _errors.TryAdd(field, message);
        }
    }

    public void Required(string field, string? value, int maxLength, string label)
    {
        Check(field, !string.IsNullOrWhiteSpace(value), $"{label} is required.");
        Check(field, value is null || value.Trim().Length <= maxLength, $"{label} must be at most {maxLength} characters.");
    }

    public void Phone(string field, string? value) =>
        Check(field, value is not null && PhonePattern().IsMatch(value.Trim()), "Enter a phone number of 5 to 20 digits (+, spaces and dashes allowed).");

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors);
        }
    }

    public static ValidationException Single(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{3,18}[0-9]$")]
    private static partial Regex PhonePattern();
}

/// <summary>Bad input: 400 with one message per field.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string> errors)
    : DomainException("validation_failed", string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}
