using Microsoft.AspNetCore.Authorization;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Reviews;

/// <summary>Rating a visit: only a verified, not yet reviewed voucher of the signed-in consumer.</summary>
[Authorize]
public sealed class WriteModel(Reviewing reviewing, VoucherQueries vouchers, CurrentUser user, Text text) : PageModel
{
    public VoucherView Voucher { get; private set; } = null!;

    public bool CanReview => Voucher.UsesLeft < Voucher.TotalUses && !Voucher.Reviewed;

    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ModelState.Remove("Input.Rating");
        if (Input.Rating is not (>= 1 and <= 5))
        {
            ModelState.AddModelError("Input.Rating", text["consumer.review.pickStars"]);
            return Page();
        }

        try
        {
            var review = await reviewing.CreateAsync(user.RequiredId, new ReviewRequest(id, Input.Rating.Value, Input.Text));
            return LocalRedirect($"/stores/{review.StoreId}#store-reviews");
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, ex, "Input");
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        if ((await vouchers.OfConsumerAsync(user.RequiredId)).FirstOrDefault(v => v.Id == id) is not { } voucher)
        {
            return false;
        }

        Voucher = voucher;
        return true;
    }
}

public sealed class ReviewInput
{
    public int? Rating { get; set; }

    public string? Text { get; set; }
}
