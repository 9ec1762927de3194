using Microsoft.Extensions.DependencyInjection;
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
