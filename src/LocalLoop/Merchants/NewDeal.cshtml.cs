using System.Globalization;
using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>The owner creates a group-buy deal; it waits for a reviewer before consumers see it.</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class NewDealModel(DealManagement deals, StoreManagement stores, CurrentUser user, Text text) : PageModel
{
    /// <summary>The service names its fields after the request (fen); the form asks for yuan under other names.</summary>
    private static readonly Dictionary<string, string> FormFields = new()
    {
        [nameof(DealRequest.PriceFen)] = nameof(DealInput.Price),
        [nameof(DealRequest.OriginalPriceFen)] = nameof(DealInput.OriginalPrice),
    };

    [BindProperty]
    public DealInput Input { get; set; } = new();

    public List<Store> Stores { get; private set; } = [];

    [TempData]
    public string? Created { get; set; }

    public async Task OnGetAsync()
    {
        Stores = await stores.StoresAsync(user.RequiredMerchantId);
        if (Stores.Count == 1)
        {
            Input.StoreIds = [Stores[0].Id];
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var merchantId = user.RequiredMerchantId;
        if (!ConsoleFormat.TryParseYuan(Input.Price, out var priceFen))
        {
            ModelState.AddModelError("Input.Price", text["merchant.newDeal.badAmount"]);
        }

        if (!ConsoleFormat.TryParseYuan(Input.OriginalPrice, out var originalFen))
        {
            ModelState.AddModelError("Input.OriginalPrice", text["merchant.newDeal.badAmount"]);
        }

        var window = Input.Validity == DealInput.WindowValidity;
        var validityDays = 0;
        if (!window && !int.TryParse((Input.ValidityDays ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out validityDays))
        {
            ModelState.AddModelError("Input.ValidityDays", text.Format("merchant.newDeal.badDays", DealManagement.MaxValidityDays));
        }

        if (window && (string.IsNullOrWhiteSpace(Input.ValidFrom) || string.IsNullOrWhiteSpace(Input.ValidUntil)))
        {
            ModelState.AddModelError("Input.ValidUntil", text["rules.form.windowRequired"]);
        }

        int? perVisitLimit = null;
        if (!string.IsNullOrWhiteSpace(Input.PerVisitLimit))
        {
            if (int.TryParse(Input.PerVisitLimit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            {
                perVisitLimit = limit;
            }
            else
            {
                ModelState.AddModelError("Input.PerVisitLimit", text["rules.form.badLimit"]);
            }
        }

        if (!int.TryParse((Input.UsesPerVoucher ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uses))
        {
            ModelState.AddModelError("Input.UsesPerVoucher", text.Format("cards.newDeal.badUses", Vouchers.CardUses.Max));
        }

        if (ModelState.ErrorCount == 0)
        {
            var rules = new ValidityRulesRequest(window ? Input.ValidFrom : null, window ? Input.ValidUntil : null, Input.WeekendsOff, Input.HolidaysOff,
                (Input.UnusableDates ?? "").Split([',', '，', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                Input.UsableFrom, Input.UsableUntil, perVisitLimit, Input.BookingRequired, Input.BookingNote);
            try
            {
                var deal = await deals.CreateAsync(merchantId, new DealRequest(Input.Title ?? "", Input.Contents ?? "", Input.Category ?? "",
                    priceFen, originalFen, validityDays, Input.StoreIds ?? [], Input.RefundPolicy ?? nameof(RefundPolicy.AnyTime), rules, uses));
                Created = deal.Title;
                return Redirect("/merchant/deals");
            }
            catch (ValidationException ex)
            {
                foreach (var (field, message) in ex.ErrorsIn(Text.IsChinese))
                {
                    ModelState.AddModelError("Input." + FormFields.GetValueOrDefault(field, field), message);
                }
            }
            catch (DomainException ex)
            {
                PageErrors.AddTo(ModelState, ex, "Input");
            }
        }

        Stores = await stores.StoresAsync(merchantId);
        return Page();
    }
}

public sealed class DealInput
{
    public string? Title { get; set; }
    public string? Contents { get; set; }
    public string? Category { get; set; }
    public string? Price { get; set; }
    public string? OriginalPrice { get; set; }
    public string? ValidityDays { get; set; } = "30";
    public List<Guid>? StoreIds { get; set; } = [];
    public string? RefundPolicy { get; set; } = nameof(Deals.RefundPolicy.AnyTime);

    public const string DaysValidity = "days";
    public const string WindowValidity = "window";

    /// <summary>"days" (N days from purchase) or "window" (fixed dates).</summary>
    public string? Validity { get; set; } = DaysValidity;
    public string? ValidFrom { get; set; }
    public string? ValidUntil { get; set; }
    public bool WeekendsOff { get; set; }
    public bool HolidaysOff { get; set; }

    /// <summary>Dates separated by lines, commas or spaces.</summary>
    public string? UnusableDates { get; set; }
    public string? UsableFrom { get; set; }
    public string? UsableUntil { get; set; }
    public string? PerVisitLimit { get; set; }
    public bool BookingRequired { get; set; }
    public string? BookingNote { get; set; }
    public string? UsesPerVoucher { get; set; } = "1";
}
