namespace Scim.AspNetCore.Tests.Compatibility;

/// <summary>JumpCloud's requests as shared/reference/okta-and-others.md §8 records them, over the real pipeline.</summary>
public sealed class JumpCloudTests
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    [Fact]
    public async Task TestConnection_CreatesThenDeletesARealUserAndGroup_LeavesNothingBehind()
    {
        await using var host = await ScimTestHost.StartAsync();

        var user = await host.PostAsync("Users", """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@jumpcloud.local",
             "name":{"givenName":"Test","familyName":"User"},"emails":[{"value":"test.user@jumpcloud.local","primary":true}],"active":true}
            """);
        var group = await host.PostAsync("Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"JumpCloud Test Group"}""");
        var deletedUser = await host.SendAsync(HttpMethod.Delete, $"Users/{user.Body!["id"]!.GetValue<string>()}");
        var deletedGroup = await host.SendAsync(HttpMethod.Delete, $"Groups/{group.Body!["id"]!.GetValue<string>()}");
        var users = await host.GetAsync("Users?filter=userName%20eq%20%22test.user%40jumpcloud.local%22");
        var groups = await host.GetAsync("Groups?filter=displayName%20eq%20%22JumpCloud%20Test%20Group%22");

        Assert.Equal(201, user.Status);
        Assert.Equal(201, group.Status);
        Assert.Equal(204, deletedUser.Status);
        Assert.Equal(204, deletedGroup.Status);
        Assert.Equal(0, users.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(0, groups.Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Link_DisplayNameLookup_FindsTheExistingGroup()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateGroupAsync("Engineering"))["id"]!.GetValue<string>();
        await host.CreateGroupAsync("Engineering Managers");

        var lookup = await host.GetAsync("Groups?filter=displayName%20eq%20%22Engineering%22");

        Assert.Equal(1, lookup.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(id, lookup.Body["Resources"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_EntraValueListWithoutFilter_AddsAndRemovesExactlyThoseMembers()
    {
        await using var host = await ScimTestHost.StartAsync();
        var alice = (await host.CreateUserAsync("alice@jumpcloud.local"))["id"]!.GetValue<string>();
        var bob = (await host.CreateUserAsync("bob@jumpcloud.local"))["id"]!.GetValue<string>();
        var group = (await host.CreateGroupAsync("Engineering"))["id"]!.GetValue<string>();

        var added = await host.PatchAsync($"Groups/{group}", $$$$"""
            {"schemas":["{{{{PatchOp}}}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{{{alice}}}}"},{"value":"{{{{bob}}}}"}]}]}
            """);
        var removed = await host.PatchAsync($"Groups/{group}", $$$$"""
            {"schemas":["{{{{PatchOp}}}}"],"Operations":[{"op":"remove","path":"members","value":[{"value":"{{{{alice}}}}"}]}]}
            """);
        var fetched = await host.GetAsync($"Groups/{group}");

        Assert.True(added.Status is 200 or 204, added.Body?.ToJsonString());
        Assert.True(removed.Status is 200 or 204, removed.Body?.ToJsonString());
        Assert.Equal([bob], fetched.Body!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
    }
}
