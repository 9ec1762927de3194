using System.Text.Json.Nodes;

namespace Scim.AspNetCore.Tests.Endpoints;

public sealed class QueryEndpointTests
{
    private static async Task<ScimTestHost> HostWithUsersAsync(int users, Action<ScimOptions>? configure = null)
    {
        var host = await ScimTestHost.StartAsync(configure);
        for (var i = 0; i < users; i++)
        {
            await host.CreateUserAsync($"user{i:D2}", $"ext{i:D2}");
        }

        return host;
    }

    private static string[] UserNames(JsonObject list) =>
        [.. list["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>())];

    [Fact]
    public async Task List_NoParameters_ReturnsListResponse()
    {
        await using var host = await HostWithUsersAsync(3);

        var response = await host.GetAsync("Users");

        Assert.Equal(200, response.Status);
        var body = response.Body!;
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", body["schemas"]![0]!.GetValue<string>());
        Assert.Equal(3, body["totalResults"]!.GetValue<int>());
        Assert.Equal(1, body["startIndex"]!.GetValue<int>());
        Assert.Equal(3, body["itemsPerPage"]!.GetValue<int>());
        Assert.All(body["Resources"]!.AsArray(), r => Assert.StartsWith("http://localhost/scim/Users/", r!["meta"]!["location"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("startIndex=2&count=2", 2, new[] { "user01", "user02" })]
    [InlineData("startIndex=0&count=1", 1, new[] { "user00" })]
    [InlineData("startIndex=-5&count=1", 1, new[] { "user00" })]
    [InlineData("count=-1", 1, new string[0])]
    [InlineData("count=0", 1, new string[0])]
    [InlineData("startIndex=6&count=10", 6, new string[0])]
    [InlineData("sortBy=userName&sortOrder=descending&count=2", 1, new[] { "user04", "user03" })]
    [InlineData("sortBy=userName&sortOrder=ASCENDING&count=2", 1, new[] { "user00", "user01" })]
    [InlineData("filter=externalId eq \"ext03\"", 1, new[] { "user03" })]
    [InlineData("filter=userName sw \"user0\" and not (userName eq \"user00\")&count=1", 1, new[] { "user01" })]
    [InlineData("aadOptscim062020&count=1", 1, new[] { "user00" })]
    [InlineData("count=99999999999999999999", 1, new[] { "user00", "user01", "user02", "user03", "user04" })]
    public async Task List_Parameters_AreApplied(string query, int startIndex, string[] expected)
    {
        await using var host = await HostWithUsersAsync(5);

        var response = await host.GetAsync("Users?" + query);

        Assert.True(response.Status == 200, response.Body?.ToJsonString());
        Assert.Equal(expected, UserNames(response.Body!));
        Assert.Equal(startIndex, response.Body!["startIndex"]!.GetValue<int>());
        Assert.Equal(expected.Length, response.Body["itemsPerPage"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_CountAboveMaxResults_IsCappedToFilterMaxResults()
    {
        await using var host = await HostWithUsersAsync(5, o => o.ServiceProviderConfig = new() { FilterMaxResults = 3 });

        var response = await host.GetAsync("Users?count=100");

        Assert.Equal(5, response.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(3, response.Body["itemsPerPage"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_NoCount_UsesDefaultCount()
    {
        await using var host = await HostWithUsersAsync(5, o => o.DefaultCount = 2);

        var response = await host.GetAsync("Users");

        Assert.Equal(2, response.Body!["itemsPerPage"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("startIndex=abc", "invalidValue")]
    [InlineData("count=ten", "invalidValue")]
    [InlineData("sortBy=nonsense", "invalidValue")]
    [InlineData("sortBy=userName&sortOrder=sideways", "invalidValue")]
    [InlineData("filter=userName eq", "invalidFilter")]
    [InlineData("filter=nonsense eq \"x\"", "invalidFilter")]
    [InlineData("attributes=emails[type eq \"work\"]", "invalidValue")]
    public async Task List_BadParameter_Returns400(string query, string scimType)
    {
        await using var host = await HostWithUsersAsync(1);

        var response = await host.GetAsync("Users?" + query);

        response.AssertError(400, scimType);
    }

    [Fact]
    public async Task List_AttributesAndExcludedAttributes_ProjectEachResource()
    {
        await using var host = await HostWithUsersAsync(1);

        var only = await host.GetAsync("Users?attributes=userName");
        var except = await host.GetAsync("Users?excludedAttributes=externalId");

        var first = only.Body!["Resources"]![0]!.AsObject();
        Assert.NotNull(first["userName"]);
        Assert.Null(first["externalId"]);
        Assert.NotNull(first["id"]);
        var second = except.Body!["Resources"]![0]!.AsObject();
        Assert.Null(second["externalId"]);
        Assert.NotNull(second["meta"]);
    }

    [Fact]
    public async Task SearchOnType_SearchRequestBody_IsApplied()
    {
        await using var host = await HostWithUsersAsync(5);

        var response = await host.PostAsync("Users/.search", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
             "attributes":["userName"],"filter":"userName sw \"user\"","sortBy":"userName","sortOrder":"descending","startIndex":2,"count":2}
            """);

        Assert.Equal(200, response.Status);
        Assert.Equal(["user03", "user02"], UserNames(response.Body!));
        Assert.Equal(5, response.Body!["totalResults"]!.GetValue<int>());
        Assert.Null(response.Body["Resources"]![0]!["externalId"]);
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":"x"}""", "invalidValue")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":5}""", "invalidValue")]
    public async Task SearchOnType_BadBody_Returns400(string body, string scimType)
    {
        await using var host = await HostWithUsersAsync(1);

        (await host.PostAsync("Users/.search", body)).AssertError(400, scimType);
    }

    [Fact]
    public async Task SearchAtRoot_SpansResourceTypesAndPages()
    {
        await using var host = await HostWithUsersAsync(2);
        await host.CreateGroupAsync("Sales");
        await host.CreateGroupAsync("Ops");

        var all = await host.PostAsync(".search", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}""");
        var page = await host.PostAsync(".search", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"startIndex":2,"count":2}""");
        var groupsOnly = await host.PostAsync(".search", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"displayName eq \"Ops\""}""");

        Assert.Equal(4, all.Body!["totalResults"]!.GetValue<int>());
        var pageItems = page.Body!["Resources"]!.AsArray();
        Assert.Equal(2, pageItems.Count);
        Assert.Equal("user01", pageItems[0]!["userName"]!.GetValue<string>());
        Assert.Equal("Sales", pageItems[1]!["displayName"]!.GetValue<string>());
        Assert.Equal(1, groupsOnly.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal("Ops", groupsOnly.Body["Resources"]![0]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task SearchAtRoot_FilterNoTypeHas_Returns400()
    {
        await using var host = await HostWithUsersAsync(1);

        var response = await host.PostAsync(".search", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"nonsense eq 1"}""");

        response.AssertError(400, "invalidFilter");
    }
}
