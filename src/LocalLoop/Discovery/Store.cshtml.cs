using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Discovery;

public sealed class StoreModel(StorePage stores) : PageModel
{
    public StoreDetails Store { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await stores.LoadAsync(id) is not { } store)
        {
            return NotFound();
        }

        Store = store;
        return Page();
    }
}
