using LocalLoop.Platform;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LocalLoop.Ui;

/// <summary>
/// Puts a refused request's messages on the form, in the page's language: field errors next to their fields,
/// the rest at the top.
/// </summary>
public static class PageErrors
{
    /// <param name="prefix">The page's bound model name (e.g. "Input"), so "Input.Title" matches the field.</param>
    public static void AddTo(ModelStateDictionary modelState, DomainException error, string prefix = "Input")
    {
        var chinese = Text.IsChinese;
        if (error is ValidationException validation)
        {
            foreach (var (field, message) in validation.ErrorsIn(chinese))
            {
                modelState.AddModelError($"{prefix}.{field}", message);
            }
        }
        else
        {
            modelState.AddModelError(string.Empty, error.MessageIn(chinese));
        }
    }
}
