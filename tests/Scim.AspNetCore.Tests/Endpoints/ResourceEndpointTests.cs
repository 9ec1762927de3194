using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Scim.AspNetCore.Tests.Endpoints;

public sealed class ResourceEndpointTests
{
    private const string UserJson = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen","name":{"givenName":"Barbara"}}""";

    [Fact]
    public async Task Post_ValidUser_Returns201WithLocationETagAndMeta()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.PostAsync("Users", UserJson);

        Assert.Equal(201, response.Status);
        Assert.Equal("application/scim+json; charset=utf-8", response.ContentType);
        var id = response.Body!["id"]!.GetValue<string>();
        var location = $"http://localhost/scim/Users/{id}";
        Assert.Equal(location, response.Message.Headers.Location!.ToString());
        Assert.Equal(location, response.Body["meta"]!["location"]!.GetValue<string>());
        Assert.Equal("User", response.Body["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Equal(response.Body["meta"]!["version"]!.GetValue<string>(), response.ETag);
        Assert.NotNull(response.Body["meta"]!["created"]);
    }

    [Fact]
    public async Task Post_DuplicateUserName_Returns409Uniqueness()
    {
        await using var host = await ScimTestHost.StartAsync();
        await host.CreateUserAsync("bjensen");

        var response = await host.PostAsync("Users", UserJson.Replace("bjensen", "BJENSEN", StringComparison.Ordinal));

        response.AssertError(409, "uniqueness");
    }

    [Fact]
    public async Task Post_SchemaViolation_Returns400AndWritesNothing()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"name":{"givenName":"NoUserName"}}""");

        Assert.Equal(400, response.Status);
        response.AssertError(400, response.ScimType);
        var list = await host.GetAsync("Users");
        Assert.Equal(0, list.Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_ExistingId_Returns200WithETag()
    {
        await using var host = await ScimTestHost.StartAsync();
        var user = await host.CreateUserAsync("bjensen");
        var id = user["id"]!.GetValue<string>();

        var response = await host.GetAsync($"Users/{id}");

        Assert.Equal(200, response.Status);
        Assert.Equal("bjensen", response.Body!["userName"]!.GetValue<string>());
        Assert.Equal("W/\"1\"", response.ETag);
        Assert.Equal($"http://localhost/scim/Users/{id}", response.Body["meta"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_AttributesParameter_ProjectsTheResource()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var response = await host.GetAsync($"Users/{id}?attributes=userName");

        Assert.Equal(200, response.Status);
        Assert.Equal("bjensen", response.Body!["userName"]!.GetValue<string>());
        Assert.Null(response.Body["meta"]);
        Assert.NotNull(response.Body["id"]);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404ScimError()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.GetAsync("Users/does-not-exist");

        response.AssertError(404);
    }

    [Fact]
    public async Task Get_UnknownResourceType_Returns404ScimError()
    {
        await using var host = await ScimTestHost.StartAsync();

        (await host.GetAsync("Devices")).AssertError(404);
        (await host.GetAsync("Devices/1")).AssertError(404);
        (await host.SendAsync(HttpMethod.Post, "Devices", "{}")).AssertError(404);
    }

    [Fact]
    public async Task Send_MethodNotSupported_Returns405WithAllow()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Delete, "Users");

        response.AssertError(405);
        Assert.Equal(["GET", "POST"], response.Message.Content.Headers.Allow);
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentVersion_Returns304()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var same = await host.GetAsync($"Users/{id}", r => r.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse("W/\"1\"")));
        var other = await host.GetAsync($"Users/{id}", r => r.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse("W/\"7\"")));

        Assert.Equal(304, same.Status);
        Assert.Null(same.Body);
        Assert.Equal("W/\"1\"", same.ETag);
        Assert.Equal(200, other.Status);
    }

    [Fact]
    public async Task Put_ReplacesAndMovesTheVersion()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var response = await host.SendAsync(HttpMethod.Put, $"Users/{id}",
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen2","displayName":"Babs"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("bjensen2", response.Body!["userName"]!.GetValue<string>());
        Assert.Equal("Babs", response.Body["displayName"]!.GetValue<string>());
        Assert.Equal(id, response.Body["id"]!.GetValue<string>());
        Assert.Equal("W/\"2\"", response.ETag);
    }

    [Fact]
    public async Task Put_IfMatchStale_Returns412AndKeepsTheResource()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var response = await host.SendAsync(HttpMethod.Put, $"Users/{id}",
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"changed"}""",
            configure: r => r.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"9\"")));

        response.AssertError(412);
        Assert.Equal("bjensen", (await host.GetAsync($"Users/{id}")).Body!["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_UnknownId_Returns404()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Put, "Users/nope", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x"}""");

        response.AssertError(404);
    }

    [Fact]
    public async Task Patch_User_Returns200WithResourceHonouringAttributes()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var response = await host.PatchAsync($"Users/{id}?attributes=displayName",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"displayName","value":"Babs"}]}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("Babs", response.Body!["displayName"]!.GetValue<string>());
        Assert.Null(response.Body["userName"]);
        Assert.Equal("W/\"2\"", response.ETag);
    }

    [Fact]
    public async Task Patch_NoChange_KeepsTheVersion()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var response = await host.PatchAsync($"Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"userName","value":"bjensen"}]}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("W/\"1\"", response.ETag);
    }

    [Fact]
    public async Task Patch_IfMatch_CurrentSucceedsStaleReturns412()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();
        const string Body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"Boss"}]}""";

        var current = await host.PatchAsync($"Users/{id}", Body, r => r.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"1\"")));
        var stale = await host.PatchAsync($"Users/{id}", Body.Replace("Boss", "Other", StringComparison.Ordinal), r => r.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"1\"")));

        Assert.Equal(200, current.Status);
        stale.AssertError(412);
        Assert.Equal("Boss", (await host.GetAsync($"Users/{id}")).Body!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_Group_Returns204ByDefaultWithETag()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateGroupAsync("Sales"))["id"]!.GetValue<string>();

        var response = await host.PatchAsync($"Groups/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Sales EU"}]}""");

        Assert.Equal(204, response.Status);
        Assert.Null(response.Body);
        Assert.Equal("W/\"2\"", response.ETag);
    }

    [Fact]
    public async Task Patch_ResponseConfiguredPerType_IsHonoured()
    {
        await using var host = await ScimTestHost.StartAsync(o =>
        {
            o.PatchResponses["Group"] = PatchResponse.Resource;
            o.PatchResponses["User"] = PatchResponse.NoContent;
        });
        var groupId = (await host.CreateGroupAsync("Sales"))["id"]!.GetValue<string>();
        var userId = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();
        const string Body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"X"}]}""";

        Assert.Equal(200, (await host.PatchAsync($"Groups/{groupId}", Body)).Status);
        Assert.Equal(204, (await host.PatchAsync($"Users/{userId}", Body)).Status);
    }

    [Fact]
    public async Task Patch_InvalidPath_Returns400AndChangesNothing()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var response = await host.PatchAsync($"Users/{id}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"A"},{"op":"replace","path":"nonsense","value":"x"}]}""");

        response.AssertError(400, "invalidPath");
        var user = (await host.GetAsync($"Users/{id}")).Body!;
        Assert.Null(user["title"]);
        Assert.Equal("W/\"1\"", user["meta"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_Returns204ThenEveryOperationIs404()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var deleted = await host.SendAsync(HttpMethod.Delete, $"Users/{id}");

        Assert.Equal(204, deleted.Status);
        (await host.GetAsync($"Users/{id}")).AssertError(404);
        (await host.SendAsync(HttpMethod.Delete, $"Users/{id}")).AssertError(404);
        (await host.PatchAsync($"Users/{id}", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":"A"}]}""")).AssertError(404);
    }

    [Fact]
    public async Task Delete_IfMatchStale_Returns412AndKeepsTheResource()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("bjensen"))["id"]!.GetValue<string>();

        var stale = await host.SendAsync(HttpMethod.Delete, $"Users/{id}", configure: r => r.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"5\"")));
        var current = await host.SendAsync(HttpMethod.Delete, $"Users/{id}", configure: r => r.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("W/\"1\"")));

        stale.AssertError(412);
        Assert.Equal(204, current.Status);
    }

    [Fact]
    public async Task MeWithoutResolverAndBulkTurnedOff_Return501()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.ServiceProviderConfig = new() { BulkSupported = false });

        (await host.GetAsync("Me")).AssertError(501);
        (await host.PostAsync("Bulk", "{}")).AssertError(501);
    }

    [Fact]
    public async Task MapScim_PrefixWithRouteParameter_SetsLocationsFromTheRequest()
    {
        await using var host = await ScimTestHost.StartAsync(prefix: "/scim/{tenant}");

        var created = await host.PostAsync("Users", UserJson);

        Assert.Equal(201, created.Status);
        var id = created.Body!["id"]!.GetValue<string>();
        Assert.Equal($"http://localhost/scim/acme/Users/{id}", created.Body["meta"]!["location"]!.GetValue<string>());
        var config = await host.GetAsync("ServiceProviderConfig");
        Assert.Equal("http://localhost/scim/acme/ServiceProviderConfig", config.Body!["meta"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task CustomResourceType_GetsEveryEndpoint()
    {
        var schema = new Scim.Core.Schema.ScimSchema("urn:example:scim:schemas:Device", "Device",
            [new Scim.Core.Schema.SchemaAttribute("serialNumber") { Required = true, Uniqueness = Scim.Core.Schema.Uniqueness.Server }]);
        await using var host = await ScimTestHost.StartAsync(store: s => s
            .AddResourceType(new Scim.Core.Schema.ResourceType("Device", "/Devices", schema.Id), schema)
            .AddInMemoryStore());

        var created = await host.PostAsync("Devices", """{"schemas":["urn:example:scim:schemas:Device"],"serialNumber":"SN-1"}""");
        var id = created.Body!["id"]!.GetValue<string>();
        var found = await host.GetAsync("Devices?filter=serialNumber eq \"SN-1\"");
        var types = await host.GetAsync("ResourceTypes/Device");

        Assert.Equal(201, created.Status);
        Assert.Equal($"http://localhost/scim/Devices/{id}", created.Message.Headers.Location!.ToString());
        Assert.Equal(1, found.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal("/Devices", types.Body!["endpoint"]!.GetValue<string>());
        (await host.PostAsync("Devices", """{"schemas":["urn:example:scim:schemas:Device"],"serialNumber":"SN-1"}""")).AssertError(409, "uniqueness");
    }
}
