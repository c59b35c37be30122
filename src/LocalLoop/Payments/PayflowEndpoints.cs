using LocalLoop.Ordering;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Tenancy;
using LocalLoop.SandboxGateway;

namespace LocalLoop.Payments;

/// <summary>Wallet top-up with bonus rules, order cancellation and the gateway's test console (decision 0021).</summary>
public static class PayflowEndpoints
{
    public static IServiceCollection AddPayflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderOptions>().Bind(configuration.GetSection("Orders"))
            .Validate(o => o.UnpaidCancelAfterMinutes is >= 1 and <= 10_080 && o.UnpaidScanSeconds >= 1,
                "Orders:UnpaidCancelAfterMinutes must be 1 to 10080 and Orders:UnpaidScanSeconds at least 1.")
            .ValidateOnStart();
        services.AddScoped<TopUpBonuses>().AddScoped<WalletTopUps>().AddScoped<LatePayments>().AddScoped<GatewayFaults>().AddScoped<OrderCancellation>();
        services.AddSingleton<UnpaidOrderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<UnpaidOrderJob>());
        return services;
    }

    public static void MapPayflowEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wallet/bonus-rules", async (TopUpBonuses bonuses) => TypedResults.Ok(await bonuses.CurrentAsync()))
            .WithTags("Payments").AllowAnonymous();

        var topUps = app.MapGroup("/api/me/wallet/top-ups").WithTags("Payments").RequireAuthorization();
        topUps.MapGet("/preview", async (long amountFen, TopUpBonuses bonuses) => TypedResults.Ok(await bonuses.PreviewAsync(amountFen)));
        topUps.MapPost("/", async (TopUpRequest request, WalletTopUps service, CurrentUser user, HttpRequest http) =>
        {
            var started = await service.StartAsync(user.RequiredId, request.AmountFen, http);
            return TypedResults.Created($"/api/me/wallet/top-ups/{started.Id}", started);
        }).WithIdempotency();
        topUps.MapGet("/", async (WalletTopUps service, CurrentUser user) =>
            TypedResults.Ok((await service.ListAsync(user.RequiredId)).Select(TopUpView.From).ToList()));
        topUps.MapGet("/{id:guid}", async (Guid id, WalletTopUps service, CurrentUser user, HttpRequest http) =>
            TypedResults.Ok(TopUpView.From(await service.FindAsync(user.RequiredId, id, http))));

        app.MapPost("/api/orders/{id:guid}/cancel", async (Guid id, OrderCancellation cancellation, CurrentUser user, HttpRequest http) =>
        {
            await cancellation.CancelByConsumerAsync(user.RequiredId, id, http);
            return TypedResults.NoContent();
        }).WithTags("Orders").RequireAuthorization().WithIdempotency();

        var rules = app.MapGroup("/api/admin/top-up-bonus-rules").WithTags("Payments (operators)").RequireAuthorization(Policies.Operator);
        rules.MapGet("/", async (TopUpBonuses bonuses) => TypedResults.Ok(await bonuses.ListAllAsync()));
        rules.MapPost("/", async (BonusRuleRequest request, TopUpBonuses bonuses) =>
        {
            var rule = await bonuses.CreateAsync(request);
            return TypedResults.Created($"/api/admin/top-up-bonus-rules/{rule.Id}", rule);
        });
        rules.MapPut("/{id:guid}", async (Guid id, BonusRuleRequest request, TopUpBonuses bonuses) => TypedResults.Ok(await bonuses.UpdateAsync(id, request)));

        app.MapGatewayFaultEndpoints();
    }
}
