using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.AfterSales;

/// <summary>Operators rule on disputed after-sales requests: for the consumer (the return goes on) or for the merchant (closed).</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class DisputesModel(AfterSalesRequests requests, AppDbContext db, Text text) : AfterSalesPage
{
    public List<AfterSalesView> Disputes { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostAsync(Guid requestId, bool forConsumer, string? note) =>
        ActAsync(() => requests.RuleAsync(requestId, new RulingInput(forConsumer, note)), text["aftersales.done"]);

    protected override async Task LoadAsync() =>
        Disputes = await requests.ListAsync(db.AfterSalesRequests.Where(r => r.State == AfterSalesState.Disputed));
}
