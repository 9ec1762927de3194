using System.Text.Json.Nodes;

namespace Scim.AspNetCore.Tests.Endpoints;

/// <summary>The Microsoft Entra ID request/response examples (shared/reference/entra-provisioning.md, section 2 and 3).</summary>
public sealed class EntraProvisioningTests
{
    private const string CreateUser = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
         "active":true,"emails":[{"primary":true,"type":"work","value":"Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"}],
         "meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[]}
        """;

    private const string CreateGroup = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
         "externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"displayName","meta":{"resourceType":"Group"}}
        """;

    [Fact]
    public async Task TestConnection_RandomGuidUserName_Returns200EmptyListResponse()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.GetAsync($"Users?filter=userName+eq+%22{Guid.NewGuid()}%22");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/scim+json; charset=utf-8", response.ContentType);
        Assert.Equal(0, response.Body!["totalResults"]!.GetValue<int>());
        Assert.Empty(response.Body["Resources"]!.AsArray());
    }

    [Fact]
    public async Task TestConnection_WrongToken_Returns401()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.GetAsync($"Users?filter=userName+eq+%22{Guid.NewGuid()}%22",
            r => r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "expired"));

        response.AssertError(401);
    }

    [Fact]
    public async Task UserLifecycle_CreateQueryPatchDisableDelete()
    {
        await using var host = await ScimTestHost.StartAsync();

        var created = await host.PostAsync("Users", CreateUser);
        Assert.Equal(201, created.Status);
        var id = created.Body!["id"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("User", created.Body["meta"]!["resourceType"]!.GetValue<string>());
        Assert.NotNull(created.Body["meta"]!["created"]);
        Assert.NotNull(created.Body["meta"]!["lastModified"]);

        var byUserName = await host.GetAsync("Users?filter=userName eq \"test_user_AB6490EE-1e48-479e-a20b-2d77186b5dd1\"");
        Assert.Equal(1, byUserName.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(id, byUserName.Body["Resources"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, byUserName.Body["startIndex"]!.GetValue<int>());

        var byExternalId = await host.GetAsync("Users?filter=externalId+eq+%220a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef%22&aadOptscim062020");
        Assert.Equal(1, byExternalId.Body!["totalResults"]!.GetValue<int>());

        var none = await host.GetAsync("Users?filter=userName eq \"non-existent user\"");
        Assert.Equal(0, none.Body!["totalResults"]!.GetValue<int>());

        var multi = await host.PatchAsync($"Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Replace","path":"emails[type eq \"work\"].value","value":"updatedEmail@microsoft.com"},
              {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}
            """);
        Assert.Equal(200, multi.Status);
        Assert.Equal("updatedEmail@microsoft.com", multi.Body!["emails"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("updatedFamilyName", multi.Body["name"]!["familyName"]!.GetValue<string>());

        var single = await host.PatchAsync($"Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"userName","value":"5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]}
            """);
        Assert.Equal(200, single.Status);
        Assert.Equal("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com", single.Body!["userName"]!.GetValue<string>());

        var disable = await host.PatchAsync($"Users/{id}", """
            {"Operations":[{"op":"Replace","path":"active","value":"False"}],"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
            """);
        Assert.Equal(200, disable.Status);
        Assert.False(disable.Body!["active"]!.GetValue<bool>());

        var manager = await host.PatchAsync($"Users/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"mgr-1"},
              {"op":"Add","path":"addresses[type eq \"work\"].country","value":"UK"},
              {"op":"Add","path":"addresses[type eq \"work\"].locality","value":"London"},
              {"op":"replace","value":{"name.givenName":"Babs","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}}]}
            """);
        Assert.Equal(200, manager.Status);
        var enterprise = manager.Body!["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!;
        Assert.Equal("mgr-1", enterprise["manager"]!["value"]!.GetValue<string>());
        Assert.Equal("42", enterprise["employeeNumber"]!.GetValue<string>());
        Assert.Equal("Babs", manager.Body["name"]!["givenName"]!.GetValue<string>());
        Assert.Null(manager.Body["name.givenName"]);
        var address = Assert.Single(manager.Body["addresses"]!.AsArray())!;
        Assert.Equal("UK", address["country"]!.GetValue<string>());
        Assert.Equal("London", address["locality"]!.GetValue<string>());

        var stillThere = await host.GetAsync($"Users/{id}");
        Assert.Equal(200, stillThere.Status);
        Assert.False(stillThere.Body!["active"]!.GetValue<bool>());

        Assert.Equal(204, (await host.SendAsync(HttpMethod.Delete, $"Users/{id}")).Status);
        (await host.GetAsync($"Users/{id}")).AssertError(404);
    }

    [Fact]
    public async Task UserCreate_DuplicateUserName_Returns409Uniqueness()
    {
        await using var host = await ScimTestHost.StartAsync();
        Assert.Equal(201, (await host.PostAsync("Users", CreateUser)).Status);

        (await host.PostAsync("Users", CreateUser)).AssertError(409, "uniqueness");
    }

    [Fact]
    public async Task GroupLifecycle_CreateAddRemoveMembersExcludeMembersDelete()
    {
        await using var host = await ScimTestHost.StartAsync();
        var user1 = (await host.CreateUserAsync("u1"))["id"]!.GetValue<string>();
        var user2 = (await host.CreateUserAsync("u2"))["id"]!.GetValue<string>();

        var created = await host.PostAsync("Groups", CreateGroup);
        Assert.Equal(201, created.Status);
        var id = created.Body!["id"]!.GetValue<string>();
        Assert.Equal("Group", created.Body["meta"]!["resourceType"]!.GetValue<string>());

        var add = await host.PatchAsync($"Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Add","path":"members","value":[{"$ref":null,"value":"{{user1}}"},{"$ref":null,"value":"{{user2}}"}]}]}
            """);
        Assert.Equal(204, add.Status);
        Assert.Equal(2, (await host.GetAsync($"Groups/{id}")).Body!["members"]!.AsArray().Count);

        var remove = await host.PatchAsync($"Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
              {"op":"Remove","path":"members","value":[{"$ref":null,"value":"{{user1}}"}]}]}
            """);
        Assert.Equal(204, remove.Status);

        var removeByFilter = await host.PatchAsync($"Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{user2}}\"]"}]}
            """);
        Assert.Equal(204, removeByFilter.Status);

        await host.PatchAsync($"Groups/{id}", $$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"{{user2}}"}]}]}
            """);
        var rename = await host.PatchAsync($"Groups/{id}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}
            """);
        Assert.Equal(204, rename.Status);

        var withMembers = await host.GetAsync($"Groups/{id}");
        var member = Assert.Single(withMembers.Body!["members"]!.AsArray())!;
        Assert.Equal(user2, member["value"]!.GetValue<string>());

        var excluded = await host.GetAsync($"Groups/{id}?excludedAttributes=members");
        Assert.Equal(200, excluded.Status);
        Assert.Null(excluded.Body!["members"]);
        Assert.Equal("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName", excluded.Body["displayName"]!.GetValue<string>());

        var byName = await host.GetAsync("Groups?excludedAttributes=members&filter=displayName eq \"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName\"");
        Assert.Equal(1, byName.Body!["totalResults"]!.GetValue<int>());
        Assert.Null(byName.Body["Resources"]![0]!["members"]);

        Assert.Equal(204, (await host.SendAsync(HttpMethod.Delete, $"Groups/{id}")).Status);
        (await host.GetAsync($"Groups/{id}")).AssertError(404);
    }

    [Fact]
    public async Task Schemas_ReturnsListResponseOfUserGroupEnterprise()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.GetAsync("Schemas");

        var ids = response.Body!["Resources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("urn:ietf:params:scim:schemas:core:2.0:User", ids);
        Assert.Contains("urn:ietf:params:scim:schemas:core:2.0:Group", ids);
        Assert.Contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", ids);
    }
}
