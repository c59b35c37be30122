using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Catalog;

/// <summary>The reviewer's product queue: new products, and edits of live ones shown as what changed; approve or reject with a reason.</summary>
[Authorize(Policy = Policies.Review)]
public sealed class ProductReviewsModel(ProductViews views, ProductReview review, Text text) : ActionPageModel
{
    public List<ProductReviewItem> Pending { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public string FieldName(string field) => field.StartsWith("sku ", StringComparison.Ordinal)
        ? text.Format("catalog.review.sku", field[4..])
        : text["catalog.review.field." + field];

    public Task<IActionResult> OnPostApproveAsync(Guid id) => ActAsync(() => review.ApproveAsync(id), text["catalog.review.approved"]);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason) => ActAsync(() => review.RejectAsync(id, reason), text["catalog.review.rejected"]);

    protected override async Task LoadAsync() => Pending = await views.PendingReviewAsync(Text.IsChinese);
}
