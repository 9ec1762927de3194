using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.Core.Patching;
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
        Assert.Equal(["u2"], await MemberValuesAsync(host, group));
    }

    [Fact]
    public async Task Patch_MemberChangesQueuedBehindAnother_WrittenTogetherInOneStoreCall()
    {
        var (host, store, group, first) = await HoldFirstMemberChangeAsync();
        await using var _ = host;

        // Queued behind the held one, in this order: u1 is added, then removed again; u2 and u3 stay.
        var queued = await QueueAsync(host, group, [("Add", "u1", "one"), ("Add", "u2", "one"), ("Remove", "u1", "one"), ("Add", "u3", "one")]);
        store.Release();
        var replies = await Task.WhenAll([first, .. queued]);

        Assert.All(replies, r => Assert.Equal(204, r.Status));
        Assert.Equal(["+a", "+u2 +u3 -u1"], store.Calls);
        Assert.Equal("W/\"2\"", replies[0].ETag);
        Assert.All(queued, r => Assert.Equal("W/\"3\"", r.Result.ETag));
        Assert.Equal(["a", "u2", "u3"], await MemberValuesAsync(host, group));
    }

    [Fact]
    public async Task Patch_QueuedMemberChangeTheStoreRefuses_OnlyThatRequestFails()
    {
        var (host, store, group, first) = await HoldFirstMemberChangeAsync();
        await using var _ = host;

        var queued = await QueueAsync(host, group, [("Add", "u1", "one"), ("Add", MemberTableStore.Refused, "one"), ("Add", "u2", "one")]);
        store.Release();
        var replies = await Task.WhenAll(queued);

        Assert.Equal(204, (await first).Status);
        Assert.Equal([204, 400, 204], replies.Select(r => r.Status));
        Assert.Contains(MemberTableStore.Refused, replies[1].Body!["detail"]!.GetValue<string>());
        // The merged write was refused as a whole, then each request was written on its own.
        Assert.Equal(["+a", $"+u1 +{MemberTableStore.Refused} +u2", "+u1", $"+{MemberTableStore.Refused}", "+u2"], store.Calls);
        Assert.Equal(["a", "u1", "u2"], await MemberValuesAsync(host, group));
    }

    [Fact]
    public async Task Patch_QueuedMemberChangesOfAnotherCaller_NotWrittenTogether()
    {
        var (host, store, group, first) = await HoldFirstMemberChangeAsync();
        await using var _ = host;

        // Another caller's change to the same group comes first, then one of the held change's caller.
        var queued = await QueueAsync(host, group, [("Add", "b", "two"), ("Add", "c", "one"), ("Add", "d", "one")]);
        store.Release();
        await Task.WhenAll([first, .. queued]);

        Assert.Equal(["+a", "+b", "+c +d"], store.Calls);
    }

    /// <summary>
    /// A group whose first member change (adding "a", by caller "one") the store holds until
    /// <see cref="MemberTableStore.Release"/>. The caller is the <c>X-Caller</c> header, as a claim.
    /// </summary>
    private static async Task<(ScimTestHost Host, MemberTableStore Store, string Group, Task<ScimTestHost.Response> First)> HoldFirstMemberChangeAsync()
    {
        var host = await ScimTestHost.StartAsync(
            store: s =>
            {
                s.AddInMemoryStore();
                s.AddStore<MemberTableStore>(ServiceLifetime.Singleton);
            },
            requireToken: false,
            middleware: app => app.Use((context, next) =>
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("caller", context.Request.Headers["X-Caller"].ToString())], "test"));
                return next(context);
            }),
            logLevel: LogLevel.Debug);
        var store = (MemberTableStore)host.Services.GetRequiredService<IResourceStore>();
        var group = (await host.CreateGroupAsync("Guides"))["id"]!.GetValue<string>();
        var held = store.HoldNextMemberChange();
        var first = host.PatchAsync($"Groups/{group}", Members("Add", "a"), r => r.Headers.Add("X-Caller", "one"));
        await held;
        return (host, store, group, first);
    }

    /// <summary>Sends the member changes one at a time, each once the one before waits behind the held change (its log line says so).</summary>
    private static async Task<List<Task<ScimTestHost.Response>>> QueueAsync(ScimTestHost host, string group, (string Op, string Member, string Caller)[] changes)
    {
        var queued = new List<Task<ScimTestHost.Response>>();
        foreach (var (op, member, caller) in changes)
        {
            queued.Add(host.PatchAsync($"Groups/{group}", Members(op, member), r => r.Headers.Add("X-Caller", caller)));
            for (var waited = 0; host.Logs.Count(l => l.Contains("waits for the one being written", StringComparison.Ordinal)) < queued.Count; waited += 10)
            {
                Assert.True(waited < 30_000, $"After 30 s, {queued.Count} member changes do not all wait.");
                await Task.Delay(10);
            }
        }

        return queued;
    }

    private static async Task<IEnumerable<string>> MemberValuesAsync(ScimTestHost host, string group) =>
        (await host.GetAsync($"Groups/{group}")).Body!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>());

    private static string Members(string op, string member) => $$"""
        {"schemas":["{{PatchOp}}"],"Operations":[{"op":"{{op}}","path":"members","value":[{"value":"{{member}}"}]}]}
        """;

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

    [Fact]
    public async Task GetAndQuery_ExcludedMembers_ReachTheStoreSoItNeedNotLoadThem()
    {
        await using var host = await StartAsync();
        var store = (MemberTableStore)host.Services.GetRequiredService<IResourceStore>();
        var group = (await host.CreateGroupAsync("Guides"))["id"]!.GetValue<string>();

        await host.GetAsync($"Groups/{group}?excludedAttributes=members");
        await host.GetAsync("Groups?excludedAttributes=members&filter=displayName eq \"Guides\"");
        await host.GetAsync($"Groups/{group}?attributes=displayName");
        await host.GetAsync($"Groups/{group}");

        Assert.Equal([false, false, false, true], store.Selections.Select(s => s.Shows("members")));
    }
}
