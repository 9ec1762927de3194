using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Serialization;

namespace Scim.Core.Tests.Serialization;

public class DocumentTests
{
    [Fact]
    public void ErrorDocument_RfcMutabilityExample_IsWrittenAsTheRfcShowsIt()
    {
        // RFC 7644 §3.12: status is a string; scimType and detail as given.
        var expected = JsonNode.Parse("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"scimType":"mutability","detail":"Attribute 'id' is readOnly","status":"400"}
            """);

        var json = ErrorDocument.ToJson(new ScimError(400, ScimErrorType.Mutability, "Attribute 'id' is readOnly"));

        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void ErrorDocument_WithoutScimType_LeavesItOutRatherThanNull()
    {
        var json = ErrorDocument.ToJson(new ScimError(404, null, "Resource 2819c223 not found"));

        Assert.False(json.ContainsKey("scimType"));
        Assert.Equal("404", (string?)json["status"]);
        Assert.DoesNotContain("null", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ScimErrorType.InvalidFilter, "invalidFilter")]
    [InlineData(ScimErrorType.TooMany, "tooMany")]
    [InlineData(ScimErrorType.Uniqueness, "uniqueness")]
    [InlineData(ScimErrorType.Mutability, "mutability")]
    [InlineData(ScimErrorType.InvalidSyntax, "invalidSyntax")]
    [InlineData(ScimErrorType.InvalidPath, "invalidPath")]
    [InlineData(ScimErrorType.NoTarget, "noTarget")]
    [InlineData(ScimErrorType.InvalidValue, "invalidValue")]
    [InlineData(ScimErrorType.InvalidVers, "invalidVers")]
    [InlineData(ScimErrorType.Sensitive, "sensitive")]
    [InlineData(ScimErrorType.InvalidCursor, "invalidCursor")]
    [InlineData(ScimErrorType.ExpiredCursor, "expiredCursor")]
    [InlineData(ScimErrorType.InvalidCount, "invalidCount")]
    public void ErrorDocument_EachScimType_UsesTheRfcSpelling(ScimErrorType type, string wire)
    {
        Assert.Equal(wire, (string?)ErrorDocument.ToJson(new ScimError(400, type, "x"))["scimType"]);
    }

    [Fact]
    public void ListResponse_RfcExample_IsWrittenAsTheRfcShowsIt()
    {
        // RFC 7644 §3.4.2, the response to GET /Users?attributes=userName.
        var expected = JsonNode.Parse("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":2,"startIndex":1,"itemsPerPage":2,
             "Resources":[{"userName":"Smith"},{"userName":"Jones"}]}
            """);
        JsonObject[] resources = [new() { ["userName"] = "Smith" }, new() { ["userName"] = "Jones" }];

        var json = new ListResponse(resources, TotalResults: 2).ToJson();

        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
        Assert.Null(resources[0].Parent);
    }

    [Fact]
    public void ListResponse_Empty_HasEmptyResourcesAndZeroCounts()
    {
        var json = new ListResponse([], TotalResults: 0).ToJson();

        Assert.Equal(0, (int?)json["totalResults"]);
        Assert.Equal(0, (int?)json["itemsPerPage"]);
        Assert.Empty(json["Resources"]!.AsArray());
    }

    [Fact]
    public void ListResponse_CursorPage_WritesCursorsAndNoStartIndex()
    {
        // RFC 9865 §2, the second page of GET /Users?filter=userName%20sw%20J&cursor=VZUTiyhEQJ94IR&count=10.
        var json = new ListResponse([new() { ["userName"] = "J" }], TotalResults: 100, StartIndex: null)
        {
            NextCursor = "YkU3OF86Pz0rGv",
            PreviousCursor = "ze7L30kMiiLX6x",
        }.ToJson();

        Assert.False(json.ContainsKey("startIndex"));
        Assert.Equal("YkU3OF86Pz0rGv", (string?)json["nextCursor"]);
        Assert.Equal("ze7L30kMiiLX6x", (string?)json["previousCursor"]);
        Assert.Equal(100, (int?)json["totalResults"]);
        Assert.Equal(1, (int?)json["itemsPerPage"]);
    }

    [Fact]
    public void ListResponse_IndexPage_HasNoCursors()
    {
        var json = new ListResponse([], TotalResults: 0).ToJson();

        Assert.Equal(1, (int?)json["startIndex"]);
        Assert.False(json.ContainsKey("nextCursor"));
        Assert.False(json.ContainsKey("previousCursor"));
    }

    [Fact]
    public void ServiceProviderConfig_Pagination_IsWrittenAsRfc9865Shows()
    {
        // RFC 9865 §4's example.
        var expected = JsonNode.Parse("""
            {"cursor":true,"index":true,"defaultPaginationMethod":"cursor","defaultPageSize":100,"maxPageSize":250,"cursorTimeout":3600}
            """);
        var config = new ServiceProviderConfig
        {
            Pagination = new PaginationConfig
            {
                Cursor = true,
                DefaultPaginationMethod = PaginationMethod.Cursor,
                DefaultPageSize = 100,
                MaxPageSize = 250,
                CursorTimeout = TimeSpan.FromHours(1),
            },
        };

        var json = config.ToJson();

        Assert.True(JsonNode.DeepEquals(expected, json["pagination"]), json["pagination"]?.ToJsonString());
    }

    [Fact]
    public void ServiceProviderConfig_PaginationWithoutOptionalValues_WritesOnlyTheRequiredOnes()
    {
        var json = new ServiceProviderConfig { Pagination = new PaginationConfig() }.ToJson();

        Assert.Equal("""{"cursor":false,"index":true}""", json["pagination"]!.ToJsonString());
        Assert.False(new ServiceProviderConfig().ToJson().ContainsKey("pagination"));
    }

    [Fact]
    public void ServiceProviderConfig_Defaults_DescribeTheServiceWithoutNulls()
    {
        var json = new ServiceProviderConfig().ToJson("https://example.com/scim/ServiceProviderConfig");

        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", (string?)json["schemas"]![0]);
        Assert.True((bool?)json["patch"]!["supported"]);
        Assert.False((bool?)json["bulk"]!["supported"]);
        Assert.Equal(1000, (int?)json["bulk"]!["maxOperations"]);
        Assert.Equal(1_048_576, (int?)json["bulk"]!["maxPayloadSize"]);
        Assert.True((bool?)json["filter"]!["supported"]);
        Assert.Equal(200, (int?)json["filter"]!["maxResults"]);
        Assert.False((bool?)json["changePassword"]!["supported"]);
        Assert.True((bool?)json["sort"]!["supported"]);
        Assert.True((bool?)json["etag"]!["supported"]);
        Assert.Equal("oauthbearertoken", (string?)json["authenticationSchemes"]![0]!["type"]);
        Assert.Equal("https://example.com/scim/ServiceProviderConfig", (string?)json["meta"]!["location"]);
        Assert.Equal("ServiceProviderConfig", (string?)json["meta"]!["resourceType"]);
        Assert.DoesNotContain("null", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceProviderConfig_ConfiguredFeatures_AreWritten()
    {
        var json = new ServiceProviderConfig { BulkSupported = true, BulkMaxOperations = 50, FilterMaxResults = 100, EtagSupported = false }.ToJson();

        Assert.True((bool?)json["bulk"]!["supported"]);
        Assert.Equal(50, (int?)json["bulk"]!["maxOperations"]);
        Assert.Equal(100, (int?)json["filter"]!["maxResults"]);
        Assert.False((bool?)json["etag"]!["supported"]);
        Assert.False(json["meta"]!.AsObject().ContainsKey("location"));
    }
}
