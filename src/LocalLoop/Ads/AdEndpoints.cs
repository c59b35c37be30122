using LocalLoop.Discovery;
using LocalLoop.Platform.Identity;

namespace LocalLoop.Ads;

public static class AdEndpoints
{
    public static void MapAdEndpoints(this IEndpointRouteBuilder app)
    {
        // Public: the ads live now in a slot of a city (each one served counts an impression), and the click redirect.
        app.MapGet("/api/ads", async (string? slot, string? city, AdServing ads) =>
            TypedResults.Ok(await ads.ServeAsync(slot ?? "", city ?? Cities.Default.Code))).WithTags("Ads");
        app.MapGet("/ads/{id:guid}/click", async (Guid id, AdServing ads) => TypedResults.Redirect(await ads.ClickAsync(id))).ExcludeFromDescription();

        var admin = app.MapGroup("/api/admin/ads").WithTags("Operations").RequireAuthorization(Policies.Operator);
        admin.MapGet("/", async (AdOperations ads) => TypedResults.Ok((await ads.ListAsync()).Select(AdPlacementView.From).ToList()));
        admin.MapGet("/{id:guid}", async (Guid id, AdOperations ads) => TypedResults.Ok(AdPlacementView.From(await ads.GetAsync(id))));
        admin.MapPost("/", async (AdRequest request, AdOperations ads) =>
        {
            var placement = await ads.CreateAsync(request);
            return TypedResults.Created($"/api/admin/ads/{placement.Id}", AdPlacementView.From(placement));
        });
        admin.MapPut("/{id:guid}", async (Guid id, AdRequest request, AdOperations ads) => TypedResults.Ok(AdPlacementView.From(await ads.EditAsync(id, request))));
        admin.MapPost("/{id:guid}/pause", async (Guid id, AdOperations ads) => TypedResults.Ok(AdPlacementView.From(await ads.SetActiveAsync(id, false))));
        admin.MapPost("/{id:guid}/resume", async (Guid id, AdOperations ads) => TypedResults.Ok(AdPlacementView.From(await ads.SetActiveAsync(id, true))));
        admin.MapGet("/report", async (DateOnly? from, DateOnly? to, AdReport report, TimeProvider clock) =>
        {
            var today = DateOnly.FromDateTime(ConsumerFormat.Local(clock.GetUtcNow()).DateTime);
            return TypedResults.Ok(await report.ForAsync(from ?? today.AddDays(-29), to ?? today));
        });
    }
}
