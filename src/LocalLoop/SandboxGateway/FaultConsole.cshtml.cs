using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.SandboxGateway;

/// <summary>The admins' page of the sandbox gateway's test console: the switches in force, add one, remove one.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class FaultConsoleModel(GatewayFaults faults, Text text) : PageModel
{
    public List<GatewayFaultSwitch> Switches { get; private set; } = [];

    [BindProperty]
    public FaultInput Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync() => Switches = await faults.ListAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        long? amountFen = null;
        if (!string.IsNullOrWhiteSpace(Input.Amount))
        {
            if (ConsoleFormat.TryParseYuan(Input.Amount, out var fen))
            {
                amountFen = fen;
            }
            else
            {
                ModelState.AddModelError("Input.AmountFen", text["payflow.rules.badMoney"]);
            }
        }

        if (ModelState.IsValid)
        {
            try
            {
                await faults.AddAsync(new GatewayFaultRequest(Input.Kind, amountFen, Input.SubMerchantId, Input.DelaySeconds, Input.RemainingUses));
                Saved = text["payflow.faults.saved"];
                return RedirectToPage();
            }
            catch (DomainException ex)
            {
                PageErrors.AddTo(ModelState, ex);
            }
        }

        Switches = await faults.ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        try
        {
            await faults.RemoveAsync(id);
        }
        catch (DomainException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            // Removed meanwhile (another admin, another tab): the list shows what is left.
        }

        Saved = text["payflow.faults.saved"];
        return RedirectToPage();
    }

    public sealed class FaultInput
    {
        public string? Kind { get; set; } = nameof(GatewayFaultKind.Fail);
        public string? Amount { get; set; }
        public string? SubMerchantId { get; set; }
        public int? DelaySeconds { get; set; } = 30;
        public int? RemainingUses { get; set; } = 1;
    }
}
