using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Tests.Compatibility;

/// <summary>Okta's requests as shared/reference/okta-and-others.md records them (§2 to §5), over the real pipeline.</summary>
public sealed class OktaTests
{
    private const string CreateUser = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local",
         "name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
         "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
        """;

    [Fact]
    public async Task TestConnector_StartIndexAndCount_AnswersIntegerListResponse()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.GetAsync("Users?startIndex=1&count=2");

        Assert.Equal(200, response.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, response.Body!["totalResults"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, response.Body["startIndex"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, response.Body["itemsPerPage"]!.GetValueKind());
    }

    [Fact]
    public async Task Create_WithPlaceholderPasswordAndGroups_Returns201WithoutPasswordAndStoresNone()
    {
        await using var host = await ScimTestHost.StartAsync();

        var created = await host.PostAsync("Users", CreateUser);
        var fetched = await host.GetAsync($"Users/{created.Body!["id"]!.GetValue<string>()}");

        Assert.Equal(201, created.Status);
        Assert.Null(created.Body["password"]);
        Assert.Null(fetched.Body!["password"]);
        Assert.Null(fetched.Body["groups"]);
        Assert.DoesNotContain("1mz050nq", host.Logs);
        var store = host.Services.GetRequiredService<InMemoryResourceStore>();
        var users = host.Services.GetRequiredService<SchemaRegistry>().FindResourceType("User")!;
        var stored = await store.GetAsync(users, created.Body["id"]!.GetValue<string>(), StoreContext.Anonymous);
        Assert.DoesNotContain("1mz050nq", stored!.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfileUpdate_GetThenPutOfTheWholeObject_IgnoresEchoedReadOnlyAndRemovesOmitted()
    {
        await using var host = await ScimTestHost.StartAsync();
        var created = await host.PostAsync("Users", CreateUser);
        var user = (await host.GetAsync($"Users/{created.Body!["id"]!.GetValue<string>()}")).Body!;
        user["displayName"] = "Renamed User";
        user.Remove("name");
        user["groups"] = new System.Text.Json.Nodes.JsonArray();
        user["password"] = "1mz050nq";
        user["meta"] = System.Text.Json.Nodes.JsonNode.Parse("""{"created":"04-12-2018 00:00:00","lastModified":"04-12-2018 00:00:00","version":"v1.0"}""");

        var put = await host.SendAsync(HttpMethod.Put, $"Users/{user["id"]!.GetValue<string>()}", user.ToJsonString());

        Assert.True(put.Status == 200, put.Body?.ToJsonString());
        Assert.Equal("Renamed User", put.Body!["displayName"]!.GetValue<string>());
        Assert.Null(put.Body["name"]);
        Assert.Null(put.Body["password"]);
        Assert.Equal(created.Body["meta"]!["created"]!.GetValue<string>(), put.Body["meta"]!["created"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deactivate_NoPathReplace_ChangesOnlyActiveAndTheUserIsStillFound()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.PostAsync("Users", CreateUser)).Body!["id"]!.GetValue<string>();

        var patched = await host.PatchAsync($"Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
            """);
        var lookup = await host.GetAsync("Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100");

        Assert.Equal(200, patched.Status);
        Assert.False(patched.Body!["active"]!.GetValue<bool>());
        Assert.Equal("Test User", patched.Body["displayName"]!.GetValue<string>());
        Assert.Equal(1, lookup.Body!["totalResults"]!.GetValue<int>());
        Assert.False(lookup.Body["Resources"]![0]!["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PushGroups_CreateMembersRenameAndDeleteWithAContentType_AllSucceed()
    {
        await using var host = await ScimTestHost.StartAsync();
        var alice = (await host.CreateUserAsync("alice@okta.local"))["id"]!.GetValue<string>();
        var bob = (await host.CreateUserAsync("bob@okta.local"))["id"]!.GetValue<string>();

        var lookup = await host.GetAsync("Groups?filter=displayName%20eq%20%22Okta%20Group%22&startIndex=1&count=100");
        var created = await host.PostAsync("Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Okta Group","members":[]}""");
        var id = created.Body!["id"]!.GetValue<string>();
        var members = await host.PatchAsync($"Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"remove","path":"members[value eq \"{{bob}}\"]"},
             {"op":"add","path":"members","value":[{"value":"{{alice}}","display":"alice@okta.local"}]}]}
            """);
        var fullPush = await host.PatchAsync($"Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"replace","path":"members","value":[{"value":"{{alice}}","display":"alice@okta.local"},{"value":"{{bob}}","display":"bob@okta.local"}]}]}
            """);
        var renamed = await host.PatchAsync($"Groups/{id}", $$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"{{{id}}}","displayName":"Okta Group 2"}}]}
            """);
        var group = await host.GetAsync($"Groups/{id}");
        var deleted = await host.SendAsync(HttpMethod.Delete, $"Groups/{id}", configure: r =>
        {
            r.Content = new ByteArrayContent([]);
            r.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/scim+json; charset=utf-8");
        });

        Assert.Equal(0, lookup.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(201, created.Status);
        Assert.True(members.Status is 200 or 204, members.Body?.ToJsonString());
        Assert.True(fullPush.Status is 200 or 204, fullPush.Body?.ToJsonString());
        Assert.True(renamed.Status is 200 or 204, renamed.Body?.ToJsonString());
        Assert.Equal("Okta Group 2", group.Body!["displayName"]!.GetValue<string>());
        Assert.Equal(new[] { alice, bob }.Order(), group.Body["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Order());
        Assert.Equal(204, deleted.Status);
    }

    [Fact]
    public async Task Rename_NoPathReplaceWithAnotherId_IsStillAnError()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateGroupAsync("Okta Group"))["id"]!.GetValue<string>();

        var renamed = await host.PatchAsync($"Groups/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"someone-else","displayName":"X"}}]}
            """);

        renamed.AssertError(400, "mutability");
    }
}
