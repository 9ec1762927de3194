using Scim.Core.Errors;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Stores;

/// <summary>
/// Where resources of one or more resource types are kept: the host's own tables, or the in-memory reference store.
/// The library has already validated every resource it hands over; the store assigns ids and versions, enforces
/// uniqueness and optimistic concurrency, and answers queries, translating the filter where it can.
/// </summary>
/// <remarks>
/// Errors are <see cref="ScimException"/>s: 404 for an unknown id, 409 <c>uniqueness</c> for a taken unique value,
/// 412 when <c>expectedVersion</c> does not match. Every write is atomic. Tenancy belongs to the host: use
/// <see cref="StoreContext.Principal"/> to scope every read and write.
/// </remarks>
public interface IResourceStore
{
    /// <summary>Reads one resource, or <see langword="null"/> when the id is unknown (to this tenant).</summary>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource id.</param>
    /// <param name="context">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resource with <c>id</c> and <c>meta</c>, or <see langword="null"/>.</returns>
    ValueTask<ScimResource?> GetAsync(ResourceType type, string id, StoreContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one resource for a response that shows only <paramref name="selection"/>, so a store can skip loading
    /// what it leaves out (a group's <c>members</c> on Entra ID's <c>excludedAttributes=members</c>). By default it
    /// reads the whole resource.
    /// </summary>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource id.</param>
    /// <param name="selection">The attributes the response will show.</param>
    /// <param name="context">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The resource with <c>id</c> and <c>meta</c>, or <see langword="null"/>.</returns>
    ValueTask<ScimResource?> GetAsync(ResourceType type, string id, AttributeSelection selection, StoreContext context, CancellationToken cancellationToken = default) =>
        GetAsync(type, id, context, cancellationToken);

    /// <summary>Stores a new resource, assigning <c>id</c> and <c>meta</c> (created, lastModified, version).</summary>
    /// <param name="resource">The validated resource; its <c>id</c> and <c>meta</c> are ignored.</param>
    /// <param name="context">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored resource.</returns>
    /// <exception cref="ScimException">409 <c>uniqueness</c> when a unique value is taken.</exception>
    Task<ScimResource> CreateAsync(ScimResource resource, StoreContext context, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored resource if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="resource">The validated new state, carrying the id.</param>
    /// <param name="expectedVersion">The version the change was computed from; <see langword="null"/> to skip the check.</param>
    /// <param name="context">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored resource with its new version.</returns>
    /// <exception cref="ScimException">404 unknown id, 409 <c>uniqueness</c>, 412 version mismatch.</exception>
    Task<ScimResource> ReplaceAsync(ScimResource resource, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default);

    /// <summary>Deletes a resource if it is still at <paramref name="expectedVersion"/>.</summary>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource id.</param>
    /// <param name="expectedVersion">The version the client saw; <see langword="null"/> to skip the check.</param>
    /// <param name="context">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the resource is gone.</returns>
    /// <exception cref="ScimException">404 unknown id, 412 version mismatch.</exception>
    Task DeleteAsync(ResourceType type, string id, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <see cref="QueryAsync"/> pages by <see cref="ListQuery.Cursor"/> (RFC 9865). A store written before
    /// cursors existed inherits <see langword="false"/>, and the endpoints then refuse a cursor instead of answering
    /// with an index page that would look like the last one.
    /// </summary>
    bool SupportsCursors => false;

    /// <summary>Answers a query: filter, sort and one page (by index, or by cursor when <see cref="ListQuery.Cursor"/> is set).</summary>
    /// <param name="type">The resource type.</param>
    /// <param name="query">The bound filter (see <c>ScimFilterValidator.Bind</c>), sort and page.</param>
    /// <param name="context">Who is asking.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page and the total count, with the next and previous cursors in cursor paging.</returns>
    /// <exception cref="ScimException">400 <c>invalidCursor</c>, <c>expiredCursor</c> or <c>invalidCount</c> for a cursor it cannot continue.</exception>
    Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default);
}
