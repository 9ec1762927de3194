using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scim.AspNetCore;
using Scim.AspNetCore.Diagnostics;
using Scim.AspNetCore.Endpoints;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the SCIM endpoints: <c>app.MapScim("/scim")</c>.</summary>
public static class ScimEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the SCIM 2.0 endpoints under <paramref name="prefix"/>: for every registered resource type
    /// <c>GET</c>/<c>POST</c> on its endpoint (e.g. <c>/Users</c>), <c>GET</c>/<c>PUT</c>/<c>PATCH</c>/<c>DELETE</c> on
    /// <c>/Users/{id}</c> and <c>POST /Users/.search</c>; <c>POST /.search</c>; <c>/ServiceProviderConfig</c>,
    /// <c>/ResourceTypes[/{id}]</c> and <c>/Schemas[/{id}]</c>. Every error, including an unknown path under the prefix, is a
    /// SCIM error body (RFC 7644 §3.12).
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="prefix">The SCIM base path, e.g. <c>/scim</c>; it may hold route parameters (<c>/scim/{tenant}</c>).</param>
    /// <returns>The route group, on which the host adds its authentication (<c>.RequireAuthorization()</c> or
    /// <c>.RequireScimBearerToken(...)</c>) and rate limiting.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddScim()</c> was not called, or no store was added.</exception>
    public static RouteGroupBuilder MapScim(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/scim")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<SchemaRegistry>()
            ?? throw new InvalidOperationException("Call builder.Services.AddScim() before app.MapScim().");
        if (services.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(IResourceStore)))
        {
            throw new InvalidOperationException("No SCIM store is registered: add one with builder.Services.AddScim().AddInMemoryStore() or .AddStore<TStore>().");
        }

        var options = services.GetRequiredService<IOptions<ScimOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(ScimDiagnostics.LoggerCategory);
        var group = endpoints.MapGroup(prefix);
        group.WithMetadata(ScimEndpointMetadata.Instance);
        new ScimEndpoints(registry, options, services.GetRequiredService<SchemaValidator>(), services.GetRequiredService<ScimMetrics>(), logger).Map(group);
        return group;
    }
}
