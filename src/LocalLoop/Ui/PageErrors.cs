using LocalLoop.Platform;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LocalLoop.Ui;

/// <summary>Puts a refused request's messages on the form: field errors next to their fields, the rest at the top.</summary>
public static class PageErrors
{
    /// <param name="prefix">The page's bound model name (e.g. "Input"), so "Input.Title" matches the field.</param>
    public static void AddTo(ModelStateDictionary modelState, DomainException error, string prefix = "Input")
    {
        if (error is ValidationException validation)
        {
            foreach (var (field, message) in validation.Errors)
            {
                modelState.AddModelError($"{prefix}.{field}", message);
            }
        }
        else
        {
            modelState.AddModelError(string.Empty, error.Message);
        }
    }
}
