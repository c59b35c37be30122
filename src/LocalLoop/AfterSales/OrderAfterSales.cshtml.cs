using LocalLoop.Ordering;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Platform.Uploads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.AfterSales;

/// <summary>The consumer's returns and exchanges of one order: the request form and each request's progress, with its next step.</summary>
[Authorize]
public sealed class OrderAfterSalesModel(AfterSalesRequests requests, AppDbContext db, ImageUploads uploads, CurrentUser user, Text text) : AfterSalesPage
{
    [FromRoute]
    public Guid Id { get; set; }

    public Order Order { get; private set; } = null!;

    public List<AfterSalesView> Requests { get; private set; } = [];

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await FindAsync() ? Page() : NotFound();

    public double MaxPhotoMegabytes => uploads.MaxBytes / (1024.0 * 1024.0);

    /// <summary>The photo, when one is chosen, is stored first (private, readable by the order's merchant) and the request carries its address.</summary>
    public Task<IActionResult> OnPostAsync(IFormFile? photo) => ActAsync(async () =>
        await requests.RequestAsync(user.RequiredId, Id, new AfterSalesInput(Input.LineNumber, Input.Kind, Input.Quantity, Input.Reason, await PhotoUrlAsync(photo))),
        text["aftersales.done"]);

    public Task<IActionResult> OnPostTrackingAsync(Guid requestId, string? trackingNumber) =>
        ActAsync(() => requests.ShipBackAsync(user.RequiredId, requestId, trackingNumber), text["aftersales.done"]);

    public Task<IActionResult> OnPostDisputeAsync(Guid requestId, string? note) =>
        ActAsync(() => requests.DisputeAsync(user.RequiredId, requestId, note), text["aftersales.done"]);

    protected override async Task LoadAsync()
    {
        if (!await FindAsync())
        {
            throw DomainException.NotFound("Order", "订单");
        }
    }

    private async Task<string?> PhotoUrlAsync(IFormFile? photo)
    {
        if (photo is null || photo.Length == 0)
        {
            return null;
        }

        var consumerId = user.RequiredId;
        var merchantId = await db.Orders.Where(o => o.Id == Id && o.ConsumerId == consumerId).Select(o => (Guid?)o.MerchantId).SingleOrDefaultAsync()
            ?? throw DomainException.NotFound("Order", "订单");
        return UploadView.From(await uploads.SaveAsync(consumerId, merchantId, UploadPurpose.AfterSalesPhoto, photo)).Url;
    }

    private async Task<bool> FindAsync()
    {
        var consumerId = user.RequiredId;
        if (await db.Orders.AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == Id && o.ConsumerId == consumerId) is not { } order)
        {
            return false;
        }

        Order = order;
        Requests = await requests.ListAsync(db.AfterSalesRequests.Where(r => r.OrderId == Id));
        return true;
    }

    public sealed class RequestInput
    {
        public int LineNumber { get; set; } = 1;
        public string? Kind { get; set; } = nameof(AfterSalesKind.Return);
        public int Quantity { get; set; } = 1;
        public string? Reason { get; set; }
    }
}
