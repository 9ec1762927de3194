using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KeepnetHost.Data;

/// <summary><c>/healthz</c>: healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(KeepnetDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
