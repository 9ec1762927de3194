using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Scim.Core.Errors;
using Scim.Core.Serialization;

namespace KeepnetHost.Scim;

/// <summary>
/// A token bucket per SCIM setting (per client address before authentication), so one tenant's sync cannot starve
/// the others: <c>Scim:RateLimit:RequestsPerSecond</c> (100) and <c>Scim:RateLimit:Burst</c> (200). Over the limit is
/// 429 with <c>Retry-After</c> and a SCIM error body.
/// </summary>
public static class ScimRateLimiting
{
    public const string Policy = "scim";

    public static IServiceCollection AddScimRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("Scim:RateLimit:RequestsPerSecond", 100);
        var burst = configuration.GetValue("Scim:RateLimit:Burst", 200);
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context =>
            {
                var key = context.User.FindFirst(ScimCaller.SettingClaim)?.Value is { } setting
                    ? "setting:" + setting
                    : "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var error = new ScimError(StatusCodes.Status429TooManyRequests, null,
                    $"Too many requests for this SCIM setting; retry after {retryAfter} s.");
                await ScimErrorResponse.WriteAsync(context.HttpContext.Response, error, TimeSpan.FromSeconds(retryAfter), cancellationToken);
            };
        });
    }
}
