namespace Scim.AspNetCore.Tests.Endpoints;

public sealed class DiscoveryEndpointTests
{
    [Fact]
    public async Task ServiceProviderConfig_AdvertisesTheConfiguredLimits()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.ServiceProviderConfig = new() { FilterMaxResults = 50 });

        var response = await host.GetAsync("ServiceProviderConfig");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/scim+json; charset=utf-8", response.ContentType);
        Assert.Equal(50, response.Body!["filter"]!["maxResults"]!.GetValue<int>());
        Assert.True(response.Body["patch"]!["supported"]!.GetValue<bool>());
        Assert.False(response.Body["bulk"]!["supported"]!.GetValue<bool>());
        Assert.Equal("http://localhost/scim/ServiceProviderConfig", response.Body["meta"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResourceTypes_ListsUserAndGroup()
    {
        await using var host = await ScimTestHost.StartAsync();

        var list = await host.GetAsync("ResourceTypes");
        var user = await host.GetAsync("ResourceTypes/User");

        Assert.Equal(200, list.Status);
        Assert.Equal(2, list.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal("/Users", user.Body!["endpoint"]!.GetValue<string>());
        Assert.Equal("http://localhost/scim/ResourceTypes/User", user.Body["meta"]!["location"]!.GetValue<string>());
        (await host.GetAsync("ResourceTypes/Printer")).AssertError(404);
    }

    [Fact]
    public async Task Schemas_ListsAndFindsByUrn()
    {
        await using var host = await ScimTestHost.StartAsync();

        var list = await host.GetAsync("Schemas");
        var enterprise = await host.GetAsync("Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");

        Assert.Equal(200, list.Status);
        Assert.Equal(3, list.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", enterprise.Body!["id"]!.GetValue<string>());
        (await host.GetAsync("Schemas/urn:nothing")).AssertError(404);
    }

    [Fact]
    public async Task Discovery_WithFilter_Returns403()
    {
        await using var host = await ScimTestHost.StartAsync();

        (await host.GetAsync("Schemas?filter=id eq \"x\"")).AssertError(403);
    }

    [Fact]
    public async Task ServiceProviderConfig_AdvertisesBodyFilterAndPatchLimitsInForce()
    {
        await using var host = await ScimTestHost.StartAsync(o =>
        {
            o.MaxRequestBodySize = 4096;
            o.FilterOptions = new() { MaxLength = 100, MaxDepth = 5 };
            o.PatchOptions = new() { MaxOperations = 3 };
        });

        var config = (await host.GetAsync("ServiceProviderConfig")).Body!;
        var limits = config["urn:scim-net:params:scim:schemas:extension:limits:1.0:ServiceProviderConfig"]!;

        Assert.Contains("urn:scim-net:params:scim:schemas:extension:limits:1.0:ServiceProviderConfig", config["schemas"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal([4096, 100, 5, 3], new[] { "maxRequestBodySize", "filterMaxLength", "filterMaxDepth", "patchMaxOperations" }.Select(n => limits[n]!.GetValue<int>()));
        (await host.GetAsync("Users?filter=" + new string('a', 95) + " pr")).AssertError(400, "invalidFilter");
    }
}
