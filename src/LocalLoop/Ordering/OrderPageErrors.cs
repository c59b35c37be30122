using LocalLoop.Platform;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LocalLoop.Ordering;

/// <summary>
/// For the order pages whose forms have no field per refused value (pay buttons, progress buttons, the POS rows):
/// every message of a refusal goes at the top of the page, in the page's language.
/// </summary>
public static class OrderPageErrors
{
    public static void AddAtTop(ModelStateDictionary modelState, DomainException error)
    {
        var messages = error is ValidationException validation ? validation.ErrorsIn(Text.IsChinese).Values : [error.MessageIn(Text.IsChinese)];
        foreach (var message in messages.Distinct())
        {
            modelState.AddModelError(string.Empty, message);
        }
    }
}
