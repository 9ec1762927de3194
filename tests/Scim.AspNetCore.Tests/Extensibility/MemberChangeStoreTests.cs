using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Tests.Extensibility;

/// <summary>A store with the member push-down capability gets member-only PATCHes as <see cref="MemberChanges"/>.</summary>
public sealed class MemberChangeStoreTests
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static Task<ScimTestHost> StartAsync(Action<ScimOptions>? configure = null) => ScimTestHost.StartAsync(configure, s =>
    {
        s.AddInMemoryStore();
        s.AddStore<MemberTableStore>(ServiceLifetime.Singleton);
    });

    [Fact]
    public async Task Patch_MemberAddAndRemove_GoesToTheStoreAsMemberChanges()
    {
        await using var host = await StartAsync();
        var store = host.Services.GetRequiredService<IResourceStore>() as MemberTableStore;
        var group = (await host.CreateGroupAsync("Guides"))["id"]!.GetValue<string>();

        var added = await host.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"Add","path":"members","value":[{"value":"u1"},{"value":"u2"}]}]}
            """);
        var removed = await host.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"u1"}]}]}
            """);

        Assert.Equal(204, added.Status);
        Assert.Equal("W/\"2\"", added.ETag);
        Assert.Equal(204, removed.Status);
        Assert.Equal(["+u1 +u2", "-u1"], store!.Calls);
        var stored = await host.GetAsync($"Groups/{group}");
        Assert.Equal(["u2"], stored.Body!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Patch_NotOnlyMembers_IsAppliedByTheEngine()
    {
        await using var host = await StartAsync();
        var store = host.Services.GetRequiredService<IResourceStore>() as MemberTableStore;
        var group = (await host.CreateGroupAsync("Guides"))["id"]!.GetValue<string>();

        var renamed = await host.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"displayName","value":"Leads"},{"op":"add","path":"members","value":[{"value":"u3"}]}]}
            """);

        Assert.Equal(204, renamed.Status);
        Assert.Empty(store!.Calls);
        Assert.Equal("Leads", (await host.GetAsync($"Groups/{group}")).Body!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_MemberAddAnsweringWithTheResource_ShowsTheMembers()
    {
        await using var host = await StartAsync(o => o.PatchResponses["Group"] = PatchResponse.Resource);
        var group = (await host.CreateGroupAsync("Guides"))["id"]!.GetValue<string>();

        var added = await host.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"u9"}]}]}
            """);

        Assert.Equal(200, added.Status);
        Assert.Equal("u9", added.Body!["members"]![0]!["value"]!.GetValue<string>());
    }

    /// <summary>
    /// A store as a host with a member table would write it: it answers member changes without handing the group to the
    /// engine, and returns the group without its members. Here the table is the in-memory store itself.
    /// </summary>
    private sealed class MemberTableStore(InMemoryResourceStore inner) : IResourceStore, IMemberChangeStore
    {
        private readonly ConcurrentQueue<string> _calls = new();

        public IReadOnlyList<string> Calls => [.. _calls];

        public async Task<MemberChangeResult?> ApplyMemberChangesAsync(
            ResourceType type, string id, MemberChanges changes, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default)
        {
            _calls.Enqueue(string.Join(' ', changes.Added.Select(a => "+" + a).Concat(changes.Removed.Select(r => "-" + r))));
            var group = await inner.GetAsync(type, id, context, cancellationToken) ?? throw new InvalidOperationException("no group");
            var members = group.Json["members"]?.AsArray() ?? [];
            var values = members.Select(m => m!["value"]!.GetValue<string>()).Where(v => !changes.Removed.Contains(v)).ToList();
            values.AddRange(changes.Added.Where(a => !values.Contains(a)));
            group.Json["members"] = new System.Text.Json.Nodes.JsonArray([.. values.Select(v => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["value"] = v })]);
            var stored = await inner.ReplaceAsync(group, expectedVersion ?? group.Version, context, cancellationToken);
            stored.Json.Remove("members");
            return new MemberChangeResult(stored, Changed: true);
        }

        public ValueTask<ScimResource?> GetAsync(ResourceType type, string id, StoreContext context, CancellationToken cancellationToken = default) =>
            inner.GetAsync(type, id, context, cancellationToken);

        public Task<ScimResource> CreateAsync(ScimResource resource, StoreContext context, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(resource, context, cancellationToken);

        public Task<ScimResource> ReplaceAsync(ScimResource resource, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
            inner.ReplaceAsync(resource, expectedVersion, context, cancellationToken);

        public Task DeleteAsync(ResourceType type, string id, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(type, id, expectedVersion, context, cancellationToken);

        public Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default) =>
            inner.QueryAsync(type, query, context, cancellationToken);
    }
}
