using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LocalLoop.Platform.Data;

/// <summary>Healthy when the database answers; /health is only served after the schema upgrade, so 200 means ready.</summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database does not answer.");
}
