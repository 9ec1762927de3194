using System.Text.Json.Nodes;

namespace Scim.AspNetCore.Tests.Endpoints;

/// <summary>POST /Bulk (RFC 7644 §3.7) over the real pipeline; the RFC's own example is in <see cref="Rfc7644ExampleTests"/>.</summary>
public sealed class BulkEndpointTests
{
    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static string Bulk(string operations, string extra = "") =>
        $$$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]{{{extra}}},"Operations":[{{{operations}}}]}""";

    private static string PostUser(string bulkId, string userName) =>
        $$$"""{"method":"POST","path":"/Users","bulkId":"{{{bulkId}}}","data":{"schemas":["{{{UserSchema}}}"],"userName":"{{{userName}}}"}}""";

    private static async Task<JsonArray> SendAsync(ScimTestHost host, string body)
    {
        var response = await host.PostAsync("Bulk", body);
        Assert.True(response.Status == 200, response.Body?.ToJsonString());
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:BulkResponse", response.Body!["schemas"]![0]!.GetValue<string>());
        return response.Body["Operations"]!.AsArray();
    }

    private static string Status(JsonNode? operation) => operation!["status"]!.GetValue<string>();

    [Fact]
    public async Task Bulk_GroupWithBulkIdMembers_CreatesUsersThenGroupWithTheirIds()
    {
        await using var host = await ScimTestHost.StartAsync();

        var results = await SendAsync(host, Bulk($$$"""
            {{{PostUser("qwerty", "alice")}}}, {{{PostUser("ytrewq", "bob")}}},
            {"method":"POST","path":"/Groups","bulkId":"grp","data":{"schemas":["{{{GroupSchema}}}"],"displayName":"Tour Guides",
              "members":[{"type":"User","value":"bulkId:qwerty"},{"type":"User","value":"bulkId:ytrewq"}]}}
            """));

        Assert.Equal(["201", "201", "201"], results.Select(Status));
        var userIds = results.Take(2).Select(r => r!["location"]!.GetValue<string>().Split('/')[^1]).ToArray();
        Assert.Equal("qwerty", results[0]!["bulkId"]!.GetValue<string>());
        Assert.Equal("W/\"1\"", results[0]!["version"]!.GetValue<string>());
        var group = await host.GetAsync(new Uri(results[2]!["location"]!.GetValue<string>()).PathAndQuery.Replace("/scim/", string.Empty, StringComparison.Ordinal));
        Assert.Equal(userIds, group.Body!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bulk_ForwardReference_RunsTheDefiningPostFirst()
    {
        await using var host = await ScimTestHost.StartAsync();

        var results = await SendAsync(host, Bulk($$$"""
            {"method":"POST","path":"/Groups","bulkId":"grp","data":{"schemas":["{{{GroupSchema}}}"],"displayName":"Early","members":[{"value":"bulkId:late"}]}},
            {{{PostUser("late", "carol")}}}
            """));

        Assert.Equal(["201", "201"], results.Select(Status));
        Assert.Equal("grp", results[0]!["bulkId"]!.GetValue<string>()); // listed in request order
        var userId = results[1]!["location"]!.GetValue<string>().Split('/')[^1];
        var groups = await host.GetAsync("Groups?filter=displayName eq \"Early\"");
        Assert.Equal(userId, groups.Body!["Resources"]![0]!["members"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bulk_CircularReferences_Are409AndCreateNothing()
    {
        await using var host = await ScimTestHost.StartAsync();

        var results = await SendAsync(host, Bulk($$$"""
            {"method":"POST","path":"/Groups","bulkId":"a","data":{"schemas":["{{{GroupSchema}}}"],"displayName":"A","members":[{"value":"bulkId:b"}]}},
            {"method":"POST","path":"/Groups","bulkId":"b","data":{"schemas":["{{{GroupSchema}}}"],"displayName":"B","members":[{"value":"bulkId:a"}]}},
            {{{PostUser("u", "dave")}}}
            """));

        Assert.Equal(["409", "409", "201"], results.Select(Status));
        Assert.Contains("circular", results[0]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await host.GetAsync("Groups")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bulk_ReferenceToUndefinedOrFailedBulkId_FailsThatOperationOnly()
    {
        await using var host = await ScimTestHost.StartAsync();

        var results = await SendAsync(host, Bulk($$$"""
            {"method":"POST","path":"/Users","bulkId":"bad","data":{"schemas":["{{{UserSchema}}}"]}},
            {"method":"POST","path":"/Groups","bulkId":"g1","data":{"schemas":["{{{GroupSchema}}}"],"displayName":"G1","members":[{"value":"bulkId:bad"}]}},
            {"method":"POST","path":"/Groups","bulkId":"g2","data":{"schemas":["{{{GroupSchema}}}"],"displayName":"G2","members":[{"value":"bulkId:nowhere"}]}},
            {{{PostUser("ok", "erin")}}}
            """));

        Assert.Equal(["400", "409", "400", "201"], results.Select(Status));
        Assert.Equal("invalidValue", results[0]!["response"]!["scimType"]!.GetValue<string>());
        Assert.Contains("'bad'", results[1]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'nowhere'", results[2]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bulk_FailOnErrors_StopsAfterThatManyErrorsAndOmitsTheRest()
    {
        await using var host = await ScimTestHost.StartAsync();
        await host.CreateUserAsync("taken");

        var results = await SendAsync(host, Bulk($$$"""
            {{{PostUser("1", "taken")}}}, {{{PostUser("2", "new-one")}}}, {{{PostUser("3", "TAKEN")}}}, {{{PostUser("4", "never")}}}
            """, extra: ",\"failOnErrors\":2"));

        Assert.Equal(["409", "201", "409"], results.Select(Status));
        Assert.Equal("uniqueness", results[0]!["response"]!["scimType"]!.GetValue<string>());
        var never = await host.GetAsync("Users?filter=userName eq \"never\"");
        Assert.Equal(0, never.Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bulk_PutPatchDelete_WithVersions_RunLikeTheirSingleRequests()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.CreateUserAsync("frank"))["id"]!.GetValue<string>();
        var other = (await host.CreateUserAsync("gina"))["id"]!.GetValue<string>();

        var results = await SendAsync(host, Bulk($$$"""
            {"method":"PUT","path":"/Users/{{{id}}}","version":"W/\"1\"","data":{"schemas":["{{{UserSchema}}}"],"userName":"frank","displayName":"Frank"}},
            {"method":"PATCH","path":"/Users/{{{id}}}","version":"W/\"2\"","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations":[{"op":"replace","path":"title","value":"Guide"}]}},
            {"method":"PATCH","path":"/Users/{{{id}}}","version":"W/\"2\"","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations":[{"op":"replace","path":"title","value":"Stale"}]}},
            {"method":"DELETE","path":"/Users/{{{other}}}"},
            {"method":"DELETE","path":"/Users/{{{other}}}"}
            """));

        Assert.Equal(["200", "200", "412", "204", "404"], results.Select(Status));
        Assert.Equal("W/\"3\"", results[1]!["version"]!.GetValue<string>());
        Assert.EndsWith($"/scim/Users/{id}", results[2]!["location"]!.GetValue<string>(), StringComparison.Ordinal);
        var user = await host.GetAsync($"Users/{id}");
        Assert.Equal("Guide", user.Body!["title"]!.GetValue<string>());
        Assert.Equal("Frank", user.Body["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bulk_PatchOfABulkIdPath_TargetsTheResourceCreatedEarlier()
    {
        await using var host = await ScimTestHost.StartAsync();

        var results = await SendAsync(host, Bulk($$$"""
            {"method":"PATCH","path":"/Users/bulkId:h","data":{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations":[{"op":"add","path":"nickName","value":"Hal"}]}},
            {{{PostUser("h", "harold")}}}
            """));

        Assert.Equal(["200", "201"], results.Select(Status));
        var users = await host.GetAsync("Users?filter=userName eq \"harold\"");
        Assert.Equal("Hal", users.Body!["Resources"]![0]!["nickName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"method":"GET","path":"/Users"}""", "method")]
    [InlineData("""{"method":"POST","path":"/Users","data":{}}""", "bulkId")]
    [InlineData("""{"method":"DELETE"}""", "path")]
    [InlineData("""{"method":"PUT","path":"/Users/x"}""", "data")]
    [InlineData("""{"method":"POST","path":"/Things","bulkId":"t","data":{}}""", "/Things")]
    [InlineData("""{"method":"DELETE","path":"/Users"}""", "/Users/<id>")]
    public async Task Bulk_MalformedOperation_Is400ForThatOperation(string operation, string named)
    {
        await using var host = await ScimTestHost.StartAsync();

        var results = await SendAsync(host, Bulk($"{operation}, {PostUser("fine", "ivy")}"));

        Assert.Equal(["400", "201"], results.Select(Status));
        Assert.Contains(named, results[0]!["response"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_DuplicateBulkId_FailsTheSecondPost()
    {
        await using var host = await ScimTestHost.StartAsync();

        var results = await SendAsync(host, Bulk($"{PostUser("same", "jack")}, {PostUser("same", "jill")}"));

        Assert.Equal(["201", "400"], results.Select(Status));
    }

    [Theory]
    [InlineData("""{"Operations":[]}""", "schemas")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":{}}""", "Operations")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":0,"Operations":[]}""", "failOnErrors")]
    public async Task Bulk_MalformedRequest_Is400(string body, string named)
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.PostAsync("Bulk", body);

        Assert.Equal(400, response.Status);
        Assert.Contains(named, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_MoreThanMaxOperations_Is413AndRunsNothing()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.ServiceProviderConfig = new() { BulkSupported = true, BulkMaxOperations = 2 });

        var response = await host.PostAsync("Bulk", Bulk($"{PostUser("a", "a")}, {PostUser("b", "b")}, {PostUser("c", "c")}"));

        response.AssertError(413);
        Assert.Contains("maxOperations", response.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bulk_LargerThanMaxPayloadSize_Is413AndRunsNothing()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.ServiceProviderConfig = new() { BulkSupported = true, BulkMaxPayloadSize = 300 });

        var response = await host.PostAsync("Bulk", Bulk($"{PostUser("a", "a")}, {PostUser("b", "b")}, {PostUser("c", "c")}"));

        response.AssertError(413);
        Assert.Equal(0, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task ServiceProviderConfig_AdvertisesTheBulkLimitsInForce()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.ServiceProviderConfig = new() { BulkSupported = true, BulkMaxOperations = 7, BulkMaxPayloadSize = 4096 });

        var bulk = (await host.GetAsync("ServiceProviderConfig")).Body!["bulk"]!;

        Assert.True(bulk["supported"]!.GetValue<bool>());
        Assert.Equal(7, bulk["maxOperations"]!.GetValue<int>());
        Assert.Equal(4096, bulk["maxPayloadSize"]!.GetValue<int>());
    }
}
