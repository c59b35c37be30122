using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;

namespace LocalLoop.Merchants;

/// <summary>A store with its week and exceptions, as the merchant console shows it.</summary>
public sealed record StoreSetupView(StoreView Store, List<PeriodView> Week, List<HoursExceptionView> Exceptions)
{
    public static StoreSetupView From(Store store, OpeningHours hours) =>
        new(StoreView.From(store), hours.Week.Select(PeriodView.From).ToList(), hours.Exceptions.Select(HoursExceptionView.From).ToList());
}

public static class StoreSetupEndpoints
{
    /// <summary>Store details, weekly hours and date exceptions; another merchant's store ids answer 404.</summary>
    public static void MapStoreSetupEndpoints(this IEndpointRouteBuilder app)
    {
        var stores = app.MapGroup("/api/merchant/stores").WithTags("Merchant console").RequireAuthorization(Policies.MerchantManage);
        stores.MapGet("/{id:guid}", async (Guid id, StoreManagement management, StoreHoursManagement hours, CurrentUser user) =>
            TypedResults.Ok(await SetupAsync(user.RequiredMerchantId, id, management, await hours.HoursAsync(user.RequiredMerchantId, id))));
        stores.MapPut("/{id:guid}", async (Guid id, StoreDetailsRequest request, StoreManagement management, StoreHoursManagement hours, CurrentUser user) =>
        {
            await management.EditStoreAsync(user.RequiredMerchantId, id, request);
            return TypedResults.Ok(await SetupAsync(user.RequiredMerchantId, id, management, await hours.HoursAsync(user.RequiredMerchantId, id)));
        });
        stores.MapPut("/{id:guid}/hours", async (Guid id, WeeklyHoursRequest request, StoreManagement management, StoreHoursManagement hours, CurrentUser user) =>
            TypedResults.Ok(await SetupAsync(user.RequiredMerchantId, id, management, await hours.SetWeekAsync(user.RequiredMerchantId, id, request))));
        stores.MapPut("/{id:guid}/exceptions", async (Guid id, HoursExceptionRequest request, StoreManagement management, StoreHoursManagement hours, CurrentUser user) =>
            TypedResults.Ok(await SetupAsync(user.RequiredMerchantId, id, management, await hours.SetExceptionAsync(user.RequiredMerchantId, id, request))));
        stores.MapDelete("/{id:guid}/exceptions/{date}", async (Guid id, string date, StoreManagement management, StoreHoursManagement hours, CurrentUser user) =>
            TypedResults.Ok(await SetupAsync(user.RequiredMerchantId, id, management, await hours.RemoveExceptionAsync(user.RequiredMerchantId, id, date))));
    }

    private static async Task<StoreSetupView> SetupAsync(Guid merchantId, Guid storeId, StoreManagement management, OpeningHours hours) =>
        StoreSetupView.From(await management.StoreAsync(merchantId, storeId) ?? throw DomainException.NotFound("Store", "门店"), hours);
}
