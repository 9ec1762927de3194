namespace Scim.AspNetCore.Tests.Endpoints;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Patch_TwentyConcurrentMemberAdds_LoseNone()
    {
        await using var host = await ScimTestHost.StartAsync();
        var groupId = (await host.CreateGroupAsync("Everyone"))["id"]!.GetValue<string>();
        var userIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            userIds.Add((await host.CreateUserAsync($"user{i}"))["id"]!.GetValue<string>());
        }

        var responses = await Task.WhenAll(userIds.Select(userId => Task.Run(() => host.PatchAsync($"Groups/{groupId}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"{{userId}}"}]}]}
            """))));

        Assert.All(responses, r => Assert.Equal(204, r.Status));
        var group = (await host.GetAsync($"Groups/{groupId}")).Body!;
        var members = group["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(userIds.Order().ToArray(), members);
        Assert.Equal("W/\"21\"", group["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_FiftyConcurrentPatchesToOneUserWithoutRetries_AllLand()
    {
        // No retries: the writers must queue in the endpoint, not race and retry.
        await using var host = await ScimTestHost.StartAsync(o => o.MaxConcurrencyRetries = 0);
        var userId = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => host.PatchAsync($"Users/{userId}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"entitlements","value":[{"value":"e{{i}}"}]}]}
            """))));

        Assert.All(responses, r => Assert.Equal(200, r.Status));
        var user = (await host.GetAsync($"Users/{userId}")).Body!;
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"e{i}").Order(), user["entitlements"]!.AsArray().Select(e => e!["value"]!.GetValue<string>()).Order());
        Assert.Equal("W/\"51\"", user["meta"]!["version"]!.GetValue<string>());
    }
}
