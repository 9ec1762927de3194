using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scim.AspNetCore;
using Scim.AspNetCore.Diagnostics;
using Scim.Core.Schema;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SCIM services to an application: <c>builder.Services.AddScim().AddInMemoryStore()</c>.</summary>
public static class ScimServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SCIM services: the schema registry (User with the Enterprise User extension, and Group), validation and
    /// PATCH, and <see cref="ScimOptions"/>, which are validated when the host starts. Choose a store on the returned
    /// builder, then map the endpoints with <c>app.MapScim("/scim")</c>. When the host protects them with
    /// <c>.RequireAuthorization()</c>, a 401 or 403 gets a SCIM error body too (unless the host registered its own
    /// <c>IAuthorizationMiddlewareResultHandler</c> before).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options; may be called more than once.</param>
    /// <returns>The builder on which to add a store and resource types.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static ScimBuilder AddScim(this IServiceCollection services, Action<ScimOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<ScimOptions>().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        var setup = services.FirstOrDefault(d => d.ServiceType == typeof(SchemaSetup))?.ImplementationInstance as SchemaSetup;
        if (setup is null)
        {
            setup = new SchemaSetup();
            services.AddSingleton(setup);
            services.AddSingleton(sp => sp.GetRequiredService<SchemaSetup>().Build());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScimOptions>, ScimOptionsValidator>());
            services.AddMetrics();
            services.TryAddSingleton<ScimMetrics>();
            // Take the place of ASP.NET Core's own handler (registered by AddAuthorization before or after this call), never a host's.
            var resultHandler = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
            if (resultHandler?.ImplementationType == typeof(AuthorizationMiddlewareResultHandler))
            {
                services.Remove(resultHandler);
            }

            services.TryAddSingleton<IAuthorizationMiddlewareResultHandler, ScimAuthorizationResultHandler>();
            services.TryAddSingleton(sp => new SchemaValidator(
                sp.GetRequiredService<SchemaRegistry>(), sp.GetRequiredService<IOptions<ScimOptions>>().Value.ValidatorOptions));
        }

        return new ScimBuilder(services, setup);
    }
}
