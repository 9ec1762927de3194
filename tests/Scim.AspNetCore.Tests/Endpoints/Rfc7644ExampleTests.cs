using System.Net.Http.Headers;

namespace Scim.AspNetCore.Tests.Endpoints;

/// <summary>The request/response examples of RFC 7644 §3, replayed over the real pipeline (hosts and ids as the RFC gives them where they matter).</summary>
public sealed class Rfc7644ExampleTests
{
    private const string BarbaraJensen = """
        {
          "schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName":"bjensen",
          "externalId":"bjensen",
          "name":{
            "formatted":"Ms. Barbara J Jensen III",
            "familyName":"Jensen",
            "givenName":"Barbara"
          }
        }
        """;

    [Fact]
    public async Task Section3_3_CreateUser_Answers201WithLocationETagAndMeta()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.PostAsync("Users", BarbaraJensen);

        Assert.Equal(201, response.Status);
        var id = response.Body!["id"]!.GetValue<string>();
        Assert.Equal($"http://localhost/scim/Users/{id}", response.Message.Headers.Location!.ToString());
        Assert.Equal(response.ETag, response.Body["meta"]!["version"]!.GetValue<string>());
        Assert.Equal("User", response.Body["meta"]!["resourceType"]!.GetValue<string>());
        Assert.Equal(response.Message.Headers.Location.ToString(), response.Body["meta"]!["location"]!.GetValue<string>());
        Assert.Equal(response.Body["meta"]!["created"]!.GetValue<string>(), response.Body["meta"]!["lastModified"]!.GetValue<string>());
        Assert.Equal("Ms. Barbara J Jensen III", response.Body["name"]!["formatted"]!.GetValue<string>());
    }

    [Fact]
    public async Task Section3_4_1And3_14_GetById_WithIfNoneMatchOfTheCurrentVersion_Is304()
    {
        await using var host = await ScimTestHost.StartAsync();
        var created = await host.PostAsync("Users", BarbaraJensen);
        var id = created.Body!["id"]!.GetValue<string>();

        var fetched = await host.GetAsync($"Users/{id}");
        var notModified = await host.GetAsync($"Users/{id}", r => r.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(created.ETag!)));

        Assert.Equal(200, fetched.Status);
        Assert.Equal(created.ETag, fetched.ETag);
        Assert.Equal(304, notModified.Status);
        Assert.Null(notModified.Body);
    }

    [Fact]
    public async Task Section3_4_2_FilterSortAndPage_ReturnsAListResponse()
    {
        await using var host = await ScimTestHost.StartAsync();
        foreach (var name in new[] { "bjensen", "jsmith", "asmith", "bsmith" })
        {
            await host.CreateUserAsync(name);
        }

        var response = await host.GetAsync("Users?filter=userName%20ew%20%22smith%22&sortBy=userName&sortOrder=descending&startIndex=2&count=1&attributes=userName");

        Assert.Equal(200, response.Status);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", response.Body!["schemas"]![0]!.GetValue<string>());
        Assert.Equal(3, response.Body["totalResults"]!.GetValue<int>());
        Assert.Equal(2, response.Body["startIndex"]!.GetValue<int>());
        Assert.Equal(1, response.Body["itemsPerPage"]!.GetValue<int>());
        var user = response.Body["Resources"]![0]!.AsObject();
        Assert.Equal("bsmith", user["userName"]!.GetValue<string>());
        Assert.Equal(["id", "userName"], user.Select(p => p.Key).Where(k => k != "schemas").Order());
    }

    [Fact]
    public async Task Section3_4_3_SearchWithPost_AppliesFilterAttributesAndPaging()
    {
        await using var host = await ScimTestHost.StartAsync();
        await host.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"asmith","displayName":"Smith, Anna"}""");
        await host.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen","displayName":"Jensen, Barbara"}""");

        var response = await host.PostAsync(".search", """
            {
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
              "attributes": ["displayName", "userName"],
              "filter": "displayName sw \"smith\"",
              "startIndex": 1,
              "count": 10
            }
            """);

        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal("Smith, Anna", response.Body["Resources"]![0]!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Section3_5_1_Put_ReplacesTheResourceAndMovesTheVersion()
    {
        await using var host = await ScimTestHost.StartAsync();
        var created = await host.PostAsync("Users", BarbaraJensen);
        var id = created.Body!["id"]!.GetValue<string>();

        var replaced = await host.SendAsync(HttpMethod.Put, $"Users/{id}", $$"""
            {
              "schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
              "id":"{{id}}",
              "userName":"bjensen",
              "externalId":"bjensen",
              "name":{"formatted":"Ms. Barbara J Jensen III","familyName":"Jensen","givenName":"Barbara","middleName":"Jane"},
              "roles":[],
              "emails":[{"value":"bjensen@example.com"},{"value":"babs@jensen.org"}]
            }
            """, configure: r => r.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(created.ETag!)));

        Assert.Equal(200, replaced.Status);
        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal("Jane", replaced.Body!["name"]!["middleName"]!.GetValue<string>());
        Assert.Equal(2, replaced.Body["emails"]!.AsArray().Count);
        Assert.Equal(created.Body["meta"]!["created"]!.GetValue<string>(), replaced.Body["meta"]!["created"]!.GetValue<string>());
    }

    [Fact]
    public async Task Section3_5_2_PatchGroupMembers_AddThenRemoveByFilter()
    {
        await using var host = await ScimTestHost.StartAsync();
        var group = (await host.CreateGroupAsync("Tour Guides"))["id"]!.GetValue<string>();

        var added = await host.PatchAsync($"Groups/{group}", """
            { "schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations":[
                {
                 "op":"add",
                 "path":"members",
                 "value":[
                  {
                    "display": "Babs Jensen",
                    "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                    "value": "2819c223-7f76-453a-919d-413861904646"
                  }
                 ]
                }
              ]
            }
            """);
        var removed = await host.PatchAsync($"Groups/{group}", """
            { "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations":[{
                "op":"remove",
                "path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"]"
              }]
            }
            """);

        Assert.Equal(204, added.Status);
        Assert.Equal(204, removed.Status);
        Assert.NotEqual(added.ETag, removed.ETag);
        Assert.Null((await host.GetAsync($"Groups/{group}")).Body!["members"]);
    }

    [Fact]
    public async Task Section3_6_Delete_Then404()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.PostAsync("Users", BarbaraJensen)).Body!["id"]!.GetValue<string>();

        var deleted = await host.SendAsync(HttpMethod.Delete, $"Users/{id}");
        var again = await host.GetAsync($"Users/{id}");

        Assert.Equal(204, deleted.Status);
        again.AssertError(404);
    }

    [Fact]
    public async Task Section3_7_2_BulkWithBulkIdReference_CreatesTheUserThenTheGroupThatNamesIt()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.PostAsync("Bulk", """
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
             "Operations": [
               {
                 "method": "POST",
                 "path": "/Users",
                 "bulkId": "qwerty",
                 "data": {
                   "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                   "userName": "Alice"
                 }
               },
               {
                 "method": "POST",
                 "path": "/Groups",
                 "bulkId": "ytrewq",
                 "data": {
                   "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                   "displayName": "Tour Guides",
                   "members": [
                     {
                       "type": "User",
                       "value": "bulkId:qwerty"
                     }
                   ]
                 }
               }
             ]
            }
            """);

        Assert.Equal(200, response.Status);
        var operations = response.Body!["Operations"]!.AsArray();
        Assert.Equal(["qwerty", "ytrewq"], operations.Select(o => o!["bulkId"]!.GetValue<string>()));
        Assert.All(operations, o => Assert.Equal("201", o!["status"]!.GetValue<string>()));
        var alice = operations[0]!["location"]!.GetValue<string>().Split('/')[^1];
        var groups = await host.GetAsync("Groups?filter=displayName eq \"Tour Guides\"");
        Assert.Equal(alice, groups.Body!["Resources"]![0]!["members"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Section3_12_ErrorResponse_HasTheErrorSchemaStatusAsStringAndDetail()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.GetAsync("Users/2819c223-7f76-453a-919d-413861904646");

        response.AssertError(404);
        Assert.Contains("2819c223-7f76-453a-919d-413861904646", response.Detail, StringComparison.Ordinal);
    }
}
