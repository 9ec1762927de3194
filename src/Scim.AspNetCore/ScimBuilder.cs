using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scim.Core.Changes;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore;

/// <summary>
/// What <c>services.AddScim()</c> returns: the place to choose the store and to add schemas and resource types beyond
/// the default User (with the Enterprise User extension) and Group.
/// </summary>
public sealed class ScimBuilder
{
    private readonly SchemaSetup _schemas;

    internal ScimBuilder(IServiceCollection services, SchemaSetup schemas)
    {
        Services = services;
        _schemas = schemas;
    }

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Keeps resources in memory (<see cref="InMemoryResourceStore"/>, one instance for the application): for tests,
    /// samples and single-instance hosts. Everything is lost when the process ends. Its cursors live for
    /// <see cref="ScimPaginationOptions.CursorTimeout"/>.
    /// </summary>
    /// <param name="tenantKey">Maps a caller to its tenant, whose resources no other tenant sees; all callers share one when <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public ScimBuilder AddInMemoryStore(Func<StoreContext, string>? tenantKey = null)
    {
        Services.AddSingleton(sp => new InMemoryResourceStore(
            sp.GetRequiredService<SchemaRegistry>(), sp.GetService<TimeProvider>(), tenantKey, sp.GetRequiredService<IOptions<ScimOptions>>().Value.Pagination.CursorTimeout));
        Services.AddSingleton<IResourceStore>(sp => sp.GetRequiredService<InMemoryResourceStore>());
        return this;
    }

    /// <summary>Keeps resources in the host's own store, resolved from the request's services; the last store added wins.</summary>
    /// <typeparam name="TStore">The store; it may take any registered service (a DbContext, say) in its constructor.</typeparam>
    /// <param name="lifetime">The store's lifetime: scoped (one per request) by default, which suits a store over a DbContext.</param>
    /// <returns>This builder.</returns>
    public ScimBuilder AddStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TStore : class, IResourceStore
    {
        Services.Add(new ServiceDescriptor(typeof(IResourceStore), typeof(TStore), lifetime));
        return this;
    }

    /// <summary>
    /// Adds a handler that is told of every committed write (create, replace, patch that changed something, delete), e.g.
    /// to run the host's own rules; handlers run in the order they were added. See <see cref="IResourceChangeHandler"/>.
    /// </summary>
    /// <typeparam name="THandler">The handler; it may take any registered service in its constructor.</typeparam>
    /// <param name="lifetime">The handler's lifetime: scoped (one per request) by default, so it can share the store's DbContext.</param>
    /// <returns>This builder.</returns>
    public ScimBuilder AddChangeHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where THandler : class, IResourceChangeHandler
    {
        Services.TryAddEnumerable(new ServiceDescriptor(typeof(IResourceChangeHandler), typeof(THandler), lifetime));
        return this;
    }

    /// <summary>Serves <c>/Me</c> (RFC 7644 §3.11) with the host's <see cref="IScimMeResolver"/>; without one, <c>/Me</c> is 501.</summary>
    /// <typeparam name="TResolver">The resolver; it may take any registered service in its constructor.</typeparam>
    /// <returns>This builder.</returns>
    public ScimBuilder AddMeResolver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TResolver>()
        where TResolver : class, IScimMeResolver
    {
        Services.Replace(ServiceDescriptor.Scoped<IScimMeResolver, TResolver>());
        return this;
    }

    /// <summary>Serves <c>/Me</c> (RFC 7644 §3.11) by reading the caller's User id from the request, typically a claim.</summary>
    /// <param name="userIdOf">Gives the caller's User id, or <see langword="null"/> when the caller has none (404).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="userIdOf"/> is <see langword="null"/>.</exception>
    public ScimBuilder AddMeResolver(Func<HttpContext, string?> userIdOf)
    {
        ArgumentNullException.ThrowIfNull(userIdOf);
        Services.Replace(ServiceDescriptor.Singleton<IScimMeResolver>(new DelegateMeResolver(userIdOf)));
        return this;
    }

    private sealed class DelegateMeResolver(Func<HttpContext, string?> userIdOf) : IScimMeResolver
    {
        public ValueTask<string?> ResolveUserIdAsync(HttpContext context, CancellationToken cancellationToken) => new(userIdOf(context));
    }

    /// <summary>Adds a resource type, registering first any of its schemas the registry does not have yet.</summary>
    /// <param name="resourceType">The resource type, e.g. <c>new ResourceType("Device", "/Devices", "urn:example:Device")</c>.</param>
    /// <param name="schemas">Its core schema and extension schemas, unless they are registered already.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="resourceType"/> is <see langword="null"/>.</exception>
    public ScimBuilder AddResourceType(ResourceType resourceType, params IEnumerable<ScimSchema> schemas)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(schemas);
        ScimSchema[] list = [.. schemas];
        return ConfigureSchemas(registry =>
        {
            foreach (var schema in list)
            {
                if (registry.FindSchema(schema.Id) is null)
                {
                    registry.AddSchema(schema);
                }
            }

            registry.AddResourceType(resourceType);
        });
    }

    /// <summary>
    /// Changes the schema registry when it is built at start-up, e.g. to add an extension schema; the registry starts
    /// as <see cref="SchemaRegistry.CreateDefault"/>. Changes are applied in the order they were given.
    /// </summary>
    /// <param name="configure">Changes the registry.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public ScimBuilder ConfigureSchemas(Action<SchemaRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _schemas.Actions.Add(configure);
        return this;
    }
}
