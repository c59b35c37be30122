using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Merchants;

/// <summary>The owner's stores (branches) and the form to add one.</summary>
[Authorize(Policy = Policies.MerchantManage)]
public sealed class StoresModel(StoreManagement stores, CurrentUser user, Text text) : PageModel
{
    [BindProperty]
    public StoreInput Input { get; set; } = new();

    public List<Store> Stores { get; private set; } = [];

    [TempData]
    public string? Added { get; set; }

    public async Task OnGetAsync() => Stores = await stores.StoresAsync(user.RequiredMerchantId);

    public async Task<IActionResult> OnPostAsync()
    {
        var merchantId = user.RequiredMerchantId;
        var latitudeOk = TryParseCoordinate(Input.Latitude, out var latitude);
        var longitudeOk = TryParseCoordinate(Input.Longitude, out var longitude);
        if (!latitudeOk)
        {
            ModelState.AddModelError("Input.Latitude", text["merchant.stores.badCoordinate"]);
        }

        if (!longitudeOk)
        {
            ModelState.AddModelError("Input.Longitude", text["merchant.stores.badCoordinate"]);
        }

        if (latitudeOk && longitudeOk)
        {
            try
            {
                var store = await stores.AddStoreAsync(merchantId, new StoreRequest(Input.Name ?? "", Input.City ?? "", Input.Address ?? "",
                    latitude, longitude, Input.Phone ?? "", Input.OpensAt ?? "", Input.ClosesAt ?? ""));
                Added = store.Name;
                return RedirectToPage();
            }
            catch (DomainException ex)
            {
                PageErrors.AddTo(ModelState, ex, "Input");
            }
        }

        Stores = await stores.StoresAsync(merchantId);
        return Page();
    }

    private static bool TryParseCoordinate(string? input, out double value) =>
        double.TryParse((input ?? "").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

public sealed class StoreInput
{
    public string? Name { get; set; }
    public string? City { get; set; }
    public string? Address { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Phone { get; set; }
    public string? OpensAt { get; set; } = "09:00";
    public string? ClosesAt { get; set; } = "22:00";
}
