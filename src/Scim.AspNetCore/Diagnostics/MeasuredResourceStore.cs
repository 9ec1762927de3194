using System.Diagnostics;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Diagnostics;

/// <summary>The request's store, timing each call into <c>scim.store.duration</c>; it passes everything through unchanged.</summary>
internal sealed class MeasuredResourceStore(IResourceStore inner, ScimMetrics metrics) : IResourceStore
{
    /// <summary>Whether the store applies member-only PATCHes itself (<see cref="IMemberChangeStore"/>).</summary>
    public bool ChangesMembers => inner is IMemberChangeStore;

    public bool SupportsCursors => inner.SupportsCursors;

    public async ValueTask<ScimResource?> GetAsync(ResourceType type, string id, StoreContext context, CancellationToken cancellationToken = default) =>
        await Measure("get", type, () => inner.GetAsync(type, id, context, cancellationToken).AsTask());

    public async ValueTask<ScimResource?> GetAsync(ResourceType type, string id, AttributeSelection selection, StoreContext context, CancellationToken cancellationToken = default) =>
        await Measure("get", type, () => inner.GetAsync(type, id, selection, context, cancellationToken).AsTask());

    public Task<ScimResource> CreateAsync(ScimResource resource, StoreContext context, CancellationToken cancellationToken = default) =>
        Measure("create", resource.ResourceType, () => inner.CreateAsync(resource, context, cancellationToken));

    public Task<ScimResource> ReplaceAsync(ScimResource resource, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
        Measure("replace", resource.ResourceType, () => inner.ReplaceAsync(resource, expectedVersion, context, cancellationToken));

    public Task DeleteAsync(ResourceType type, string id, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
        Measure("delete", type, async () =>
        {
            await inner.DeleteAsync(type, id, expectedVersion, context, cancellationToken);
            return true;
        });

    public Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default) =>
        Measure("query", type, () => inner.QueryAsync(type, query, context, cancellationToken));

    /// <summary>Hands a member-only change to the store, or answers <see langword="null"/> when it cannot take it.</summary>
    public Task<MemberChangeResult?> ApplyMemberChangesAsync(
        ResourceType type, string id, MemberChanges changes, string? expectedVersion, StoreContext context, CancellationToken cancellationToken) =>
        inner is IMemberChangeStore members
            ? Measure("members", type, () => members.ApplyMemberChangesAsync(type, id, changes, expectedVersion, context, cancellationToken))
            : Task.FromResult<MemberChangeResult?>(null);

    private async Task<T> Measure<T>(string operation, ResourceType type, Func<Task<T>> call)
    {
        if (!metrics.StoreDurationEnabled)
        {
            return await call();
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await call();
            metrics.StoreOperation(operation, type.Name, start, null);
            return result;
        }
        catch (Exception e)
        {
            metrics.StoreOperation(operation, type.Name, start, e);
            throw;
        }
    }
}
