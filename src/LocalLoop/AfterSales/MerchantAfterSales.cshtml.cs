using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.AfterSales;

/// <summary>The merchant's after-sales desk: open requests first, approve or reject them, confirm returned goods received.</summary>
[Authorize(Policy = Policies.MerchantService)]
public sealed class MerchantAfterSalesModel(AfterSalesRequests requests, AppDbContext db, CurrentUser user, Text text) : AfterSalesPage
{
    private static readonly AfterSalesState[] ToHandle = [AfterSalesState.Requested, AfterSalesState.ReturnShipped];

    [FromQuery]
    public bool All { get; set; }

    public List<AfterSalesView> Requests { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid requestId) =>
        ActAsync(() => requests.ApproveAsync(user.RequiredMerchantId, requestId), text["aftersales.done"]);

    public Task<IActionResult> OnPostRejectAsync(Guid requestId, string? note) =>
        ActAsync(() => requests.RejectAsync(user.RequiredMerchantId, requestId, note), text["aftersales.done"]);

    public Task<IActionResult> OnPostReceivedAsync(Guid requestId) =>
        ActAsync(() => requests.ConfirmReceivedAsync(user.RequiredMerchantId, requestId, Request), text["aftersales.done"]);

    protected override async Task LoadAsync()
    {
        var merchantId = user.RequiredMerchantId;
        Requests = await requests.ListAsync(db.AfterSalesRequests.Where(r => r.MerchantId == merchantId && (All || ToHandle.Contains(r.State))));
    }
}
