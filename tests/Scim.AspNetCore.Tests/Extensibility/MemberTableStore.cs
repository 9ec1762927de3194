using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Tests.Extensibility;

/// <summary>
/// A store as a host with a member table would write it: it answers member changes without handing the group to the
/// engine, and returns the group without its members. Here the table is the in-memory store itself.
/// </summary>
internal sealed class MemberTableStore(InMemoryResourceStore inner) : IResourceStore, IMemberChangeStore
{
    private readonly ConcurrentQueue<string> _calls = new();

    private readonly ConcurrentQueue<AttributeSelection> _selections = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>The attribute selections the endpoints handed to reads and queries.</summary>
    public IReadOnlyList<AttributeSelection> Selections => [.. _selections];

    private TaskCompletionSource? _held;

    private TaskCompletionSource? _release;

    /// <summary>A member id this store refuses as a host refuses one that names no user (400).</summary>
    public const string Refused = "not-a-user";

    /// <summary>
    /// Holds the next member change in the store until <see cref="Release"/>; the task completes when it is held.
    /// </summary>
    public Task HoldNextMemberChange()
    {
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _held.Task;
    }

    /// <summary>Lets the held member change go on.</summary>
    public void Release() => _release?.TrySetResult();

    public async Task<MemberChangeResult?> ApplyMemberChangesAsync(
        ResourceType type, string id, MemberChanges changes, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue(string.Join(' ', changes.Added.Select(a => "+" + a).Concat(changes.Removed.Select(r => "-" + r))));
        if (Interlocked.Exchange(ref _held, null) is { } held)
        {
            held.TrySetResult();
            await _release!.Task;
        }

        if (changes.Added.Contains(Refused))
        {
            throw new ScimException(400, ScimErrorType.InvalidValue, $"members: '{Refused}' is not a user.");
        }

        var group = await inner.GetAsync(type, id, context, cancellationToken) ?? throw new InvalidOperationException("no group");
        var members = group.Json["members"]?.AsArray() ?? [];
        var values = members.Select(m => m!["value"]!.GetValue<string>()).Where(v => !changes.Removed.Contains(v)).ToList();
        values.AddRange(changes.Added.Where(a => !values.Contains(a)));
        group.Json["members"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v })]);
        var stored = await inner.ReplaceAsync(group, expectedVersion ?? group.Version, context, cancellationToken);
        stored.Json.Remove("members");
        return new MemberChangeResult(stored, Changed: true);
    }

    public ValueTask<ScimResource?> GetAsync(ResourceType type, string id, StoreContext context, CancellationToken cancellationToken = default) =>
        inner.GetAsync(type, id, context, cancellationToken);

    public ValueTask<ScimResource?> GetAsync(ResourceType type, string id, AttributeSelection selection, StoreContext context, CancellationToken cancellationToken = default)
    {
        _selections.Enqueue(selection);
        return inner.GetAsync(type, id, context, cancellationToken);
    }

    public Task<ScimResource> CreateAsync(ScimResource resource, StoreContext context, CancellationToken cancellationToken = default) =>
        inner.CreateAsync(resource, context, cancellationToken);

    public Task<ScimResource> ReplaceAsync(ScimResource resource, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
        inner.ReplaceAsync(resource, expectedVersion, context, cancellationToken);

    public Task DeleteAsync(ResourceType type, string id, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(type, id, expectedVersion, context, cancellationToken);

    public Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default)
    {
        _selections.Enqueue(query.Selection);
        return inner.QueryAsync(type, query, context, cancellationToken);
    }
}
