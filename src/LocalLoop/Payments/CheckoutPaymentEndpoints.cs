using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;

namespace LocalLoop.Payments;

/// <summary>Paying a whole checkout with wallet + gateway, and the merchant's cash-on-delivery setting (decision 0029).</summary>
public static class CheckoutPaymentEndpoints
{
    public static IServiceCollection AddCheckoutPayments(this IServiceCollection services)
    {
        services.AddOptions<CheckoutPaymentOptions>().BindConfiguration("Payments:CheckoutPayments")
            .Validate(o => o.StaleAfterMinutes >= 1 && o.SweepScanSeconds >= 1,
                "Payments:CheckoutPayments:StaleAfterMinutes and Payments:CheckoutPayments:SweepScanSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<CheckoutPaymentSweepJob>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckoutPaymentSweepJob>());
        return services.AddScoped<CheckoutPayments>().AddScoped<CheckoutPaymentSettlement>().AddScoped<CashOnDeliverySettings>();
    }

    public static void MapCheckoutPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var checkouts = app.MapGroup("/api/checkouts/{checkoutId:guid}").WithTags("Orders").RequireAuthorization();
        checkouts.MapPost("/pay", async (Guid checkoutId, CheckoutPayRequest request, CheckoutPayments payments, CurrentUser user, HttpRequest http) =>
            TypedResults.Ok(await payments.PayAsync(user.RequiredId, checkoutId, request, http)))
            .WithIdempotency();
        checkouts.MapGet("/payment", async (Guid checkoutId, CheckoutPayments payments, CurrentUser user, HttpRequest http) =>
            await payments.LatestAsync(user.RequiredId, checkoutId, http) is { } payment ? TypedResults.Ok(payment)
            : throw DomainException.NotFound("Checkout payment", "结算单支付"));
        checkouts.MapGet("/pay-step", async (Guid checkoutId, CheckoutPayments payments, CurrentUser user, HttpRequest http) =>
            TypedResults.Ok(await payments.StepAsync(user.RequiredId, checkoutId, http)));

        const string cashOnDelivery = "/api/merchant/settings/cash-on-delivery";
        app.MapGet(cashOnDelivery, async (CashOnDeliverySettings settings, CurrentUser user) => TypedResults.Ok(await settings.GetAsync(user.RequiredMerchantId)))
            .WithTags("Merchant console").RequireAuthorization(Policies.MerchantManage);
        app.MapPut(cashOnDelivery, async (CashOnDeliverySetting request, CashOnDeliverySettings settings, CurrentUser user) =>
            TypedResults.Ok(await settings.SetAsync(user.RequiredMerchantId, request.Allowed)))
            .WithTags("Merchant console").RequireAuthorization(Policies.MerchantManage);
    }
}
