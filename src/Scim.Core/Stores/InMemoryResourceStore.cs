using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Querying;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Stores;

/// <summary>
/// The reference <see cref="IResourceStore"/>: resources kept in memory, per tenant and resource type, for tests,
/// samples and single-instance hosts. It is safe to use from many threads at once.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="CreateAsync"/> assigns a new GUID <c>id</c> and <c>meta</c>: <c>resourceType</c>, <c>created</c> =
/// <c>lastModified</c> = now, <c>version</c> <c>W/"1"</c>. <c>meta.location</c> is left out: it belongs to the HTTP layer.</item>
/// <item><see cref="ReplaceAsync"/> keeps <c>id</c> and <c>created</c>, sets <c>lastModified</c>, and always moves the
/// version on (<c>W/"2"</c>, <c>W/"3"</c>, ...), even when nothing changed: the store does not compare, so call it only
/// for a real change.</item>
/// <item>An expected version matches the current one as <c>W/"2"</c> or <c>"2"</c>, or as <c>*</c> (any version).</item>
/// <item>Every attribute with <c>uniqueness</c> <c>server</c> or <c>global</c> (e.g. User <c>userName</c>, but not
/// Group <c>displayName</c>) is unique per tenant and resource type, compared as <c>eq</c> compares it (ignoring case
/// unless <c>caseExact</c>); an empty string is no value. Each has an index, which also answers an <c>eq</c> filter on
/// it (or on <c>id</c>), alone or inside an <c>and</c>, without reading the other resources.</item>
/// <item>Writes are atomic: one lock per tenant and resource type covers the version check, the uniqueness check and
/// the write. Reads see the last completed write, and resources go in and out as deep copies, so a caller can
/// never change what is stored.</item>
/// <item>Without <see cref="ListQuery.SortBy"/>, resources are listed in the order they were created.</item>
/// <item>It pages by cursor too (RFC 9865, <see cref="ListQuery.Cursor"/>), forward and backward. A cursor holds the
/// position of the resource the page ended or started at (its sort value and id, or its place in creation order), so
/// resources created or deleted between pages neither repeat nor skip the others. Cursors are sealed (AES-GCM, with a
/// key per tenant and resource type that lives as long as the store): an altered, foreign or garbled cursor is 400
/// <c>invalidCursor</c>, one older than the cursor lifetime 400 <c>expiredCursor</c>, and one sent with another
/// <c>count</c> 400 <c>invalidCount</c>. Nothing is stored per cursor.</item>
/// </list>
/// </remarks>
public sealed class InMemoryResourceStore : IResourceStore
{
    private const string SharedTenant = "";

    private readonly SchemaRegistry _registry;
    private readonly TimeProvider _time;
    private readonly Func<StoreContext, string> _tenantOf;
    private readonly TimeSpan _cursorLifetime;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ResourceTable>> _tenants = new(StringComparer.Ordinal);
    private long _evaluated;

    /// <summary>Creates an empty store.</summary>
    /// <param name="registry">The schemas of the resources it will hold; it decides which attributes are unique.</param>
    /// <param name="timeProvider">The clock for <c>meta.created</c> and <c>meta.lastModified</c>; the system clock when <see langword="null"/>.</param>
    /// <param name="tenantKey">
    /// Maps a caller to its tenant, whose resources are invisible to every other tenant; when <see langword="null"/>,
    /// all callers share one tenant.
    /// </param>
    /// <param name="cursorLifetime">How long a cursor stays valid after it is issued (RFC 9865 <c>cursorTimeout</c>); 10 minutes when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cursorLifetime"/> is not positive.</exception>
    public InMemoryResourceStore(SchemaRegistry registry, TimeProvider? timeProvider = null, Func<StoreContext, string>? tenantKey = null, TimeSpan? cursorLifetime = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _time = timeProvider ?? TimeProvider.System;
        _tenantOf = tenantKey ?? (_ => SharedTenant);
        _cursorLifetime = cursorLifetime ?? TimeSpan.FromMinutes(10);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_cursorLifetime, TimeSpan.Zero, nameof(cursorLifetime));
    }

    /// <inheritdoc/>
    public bool SupportsCursors => true;

    /// <summary>How many times a query has evaluated its filter on a resource, in all; tests use it to see the index at work.</summary>
    internal long ResourcesEvaluated => Interlocked.Read(ref _evaluated);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not registered.</exception>
    public ValueTask<ScimResource?> GetAsync(ResourceType type, string id, StoreContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(id);
        var table = Table(type, context);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<ScimResource?>(cancellationToken)
            : new(table.Find(id)?.Resource.Clone());
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The resource type is not registered.</exception>
    public Task<ScimResource> CreateAsync(ScimResource resource, StoreContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var table = Table(resource.ResourceType, context);
        return Run(cancellationToken, () =>
        {
            var stored = Compose(resource, Guid.NewGuid().ToString());
            table.Add(stored);
            return stored.Clone();
        });
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The resource has no id, or its type is not registered.</exception>
    public Task<ScimResource> ReplaceAsync(ScimResource resource, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var id = resource.Id ?? throw new ArgumentException("The resource to replace has no id.", nameof(resource));
        var table = Table(resource.ResourceType, context);
        return Run(cancellationToken, () =>
        {
            var stored = Compose(resource, id);
            table.Replace(stored, expectedVersion);
            return stored.Clone();
        });
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not registered.</exception>
    public Task DeleteAsync(ResourceType type, string id, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(id);
        var table = Table(type, context);
        return Run(cancellationToken, () =>
        {
            table.Remove(id, expectedVersion);
            return true;
        });
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The filter is evaluated with <see cref="ScimFilterEvaluator"/> and sorted with <see cref="ResourceComparer"/>.
    /// A <see cref="ListQuery.StartIndex"/> below 1 is taken as 1 and a negative <see cref="ListQuery.Count"/> as 0
    /// (RFC 7644 §3.4.2.4). With a <see cref="ListQuery.Cursor"/>, <c>StartIndex</c> is ignored.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not registered.</exception>
    /// <exception cref="ScimException">400 <c>invalidCursor</c>, <c>expiredCursor</c> or <c>invalidCount</c> for a cursor it cannot continue.</exception>
    public Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(query);
        var table = Table(type, context);
        return Run(cancellationToken, () =>
        {
            var comparer = query.SortBy is null ? null : ResourceComparer.CreateKeyed(_registry, type, query.SortBy, query.Descending);
            var candidates = table.Candidates(query.Filter);
            var matches = new List<ResourceTable.Entry>(query.Filter is null ? candidates.Count : 0);
            foreach (var candidate in candidates)
            {
                if (query.Filter is null || ScimFilterEvaluator.Matches(query.Filter, candidate.Resource, _registry))
                {
                    matches.Add(candidate);
                }
            }

            if (query.Filter is not null)
            {
                Interlocked.Add(ref _evaluated, candidates.Count);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (comparer is not null)
            {
                matches.Sort((x, y) => comparer.Compare(x.Resource, y.Resource));
            }

            if (query.Cursor is not null)
            {
                return table.Cursors.Page(matches, query, comparer);
            }

            var skip = Math.Min(Math.Max(query.StartIndex, 1) - 1, matches.Count);
            var take = Math.Min(Math.Max(query.Count, 0), matches.Count - skip);
            return new QueryResult([.. matches.GetRange(skip, take).Select(e => e.Resource.Clone())], matches.Count);
        });
    }

    /// <summary>
    /// Runs a synchronous operation as a task, so that its failures (404, 409, 412) surface when the task is awaited,
    /// as they would from a store that does I/O.
    /// </summary>
    private static Task<T> Run<T>(CancellationToken cancellationToken, Func<T> operation)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(operation());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        catch (ScimException exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    /// <summary>A deep copy of the resource for storing: <c>schemas</c>, then <c>id</c>, then the rest, without <c>meta</c>.</summary>
    private static ScimResource Compose(ScimResource resource, string id)
    {
        var json = new JsonObject();
        if (JsonLeaf.Find(resource.Json, "schemas") is { } schemas)
        {
            json["schemas"] = schemas.DeepClone();
        }

        json["id"] = id;
        foreach (var (name, value) in resource.Json)
        {
            if (!CommonAttributes.Names.Contains(name, StringComparer.OrdinalIgnoreCase) || string.Equals(name, "externalId", StringComparison.OrdinalIgnoreCase))
            {
                json[name] = value?.DeepClone();
            }
        }

        return new ScimResource(resource.ResourceType, json);
    }

    private ResourceTable Table(ResourceType type, StoreContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenant = _tenantOf(context) ?? throw new InvalidOperationException("The tenant key function returned null.");
        return _tenants
            .GetOrAdd(tenant, static _ => new ConcurrentDictionary<string, ResourceTable>(StringComparer.OrdinalIgnoreCase))
            .GetOrAdd(type.Name, static (_, state) => new ResourceTable(state.Registry, state.Type, state.Time, state.CursorLifetime),
                (Registry: _registry, Type: type, Time: _time, CursorLifetime: _cursorLifetime));
    }
}
