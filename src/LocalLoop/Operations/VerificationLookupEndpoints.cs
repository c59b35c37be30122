using LocalLoop.Platform.Identity;

namespace LocalLoop.Operations;

public static class VerificationLookupEndpoints
{
    public static void MapVerificationLookupEndpoints(this IEndpointRouteBuilder app)
    {
        // Operators (reviewers too) look; reversing stays with admins (POST .../reverse endpoints).
        var operators = app.MapGroup("/api/admin/verifications").WithTags("Operations").RequireAuthorization(Policies.Operator);
        operators.MapGet("/", async (string? code, Guid? merchantId, DateOnly? date, VerificationLookup lookup) =>
            TypedResults.Ok(await lookup.SearchAsync(new VerificationSearch(code, merchantId, date))));
    }
}
