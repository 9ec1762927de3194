using System.Text.Json.Nodes;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.Core.Tests.Serialization;

public class DiscoveryDocumentsTests
{
    [Fact]
    public void ResourceTypes_RfcRegistry_MatchesTheRfcExamples()
    {
        // RFC 7643 §8.6 (with the enterprise extension required, as the RFC shows it).
        var registry = new SchemaRegistry()
            .AddSchema(BuiltInSchemas.User)
            .AddSchema(BuiltInSchemas.EnterpriseUser)
            .AddSchema(BuiltInSchemas.Group)
            .AddResourceType(new ResourceType("User", "/Users", SchemaUrns.User, [new SchemaExtension(SchemaUrns.EnterpriseUser, true)]) { Description = "User Account" })
            .AddResourceType(new ResourceType("Group", "/Groups", SchemaUrns.Group) { Description = "Group" });
        var expected = JsonNode.Parse("""
            [{
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
              "id": "User", "name": "User", "endpoint": "/Users", "description": "User Account",
              "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
              "schemaExtensions": [{ "schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "required": true }],
              "meta": { "location": "https://example.com/v2/ResourceTypes/User", "resourceType": "ResourceType" }
            },
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
              "id": "Group", "name": "Group", "endpoint": "/Groups", "description": "Group",
              "schema": "urn:ietf:params:scim:schemas:core:2.0:Group",
              "meta": { "location": "https://example.com/v2/ResourceTypes/Group", "resourceType": "ResourceType" }
            }]
            """);

        var json = DiscoveryDocuments.ResourceTypes(registry, "https://example.com/v2/");

        Assert.Equal(2, (int?)json["totalResults"]);
        Assert.True(JsonNode.DeepEquals(expected, json["Resources"]), json["Resources"]!.ToJsonString());
    }

    [Fact]
    public void Schemas_DefaultRegistry_ListsUserEnterpriseUserAndGroupWithLocations()
    {
        var json = DiscoveryDocuments.Schemas(SchemaRegistry.CreateDefault(), "https://example.com/scim");

        var resources = json["Resources"]!.AsArray();
        Assert.Equal(3, (int?)json["totalResults"]);
        Assert.Equal(
            [SchemaUrns.User, SchemaUrns.EnterpriseUser, SchemaUrns.Group],
            resources.Select(r => (string?)r!["id"]));
        Assert.All(resources, r => Assert.Equal($"https://example.com/scim/Schemas/{r!["id"]}", (string?)r["meta"]!["location"]));
        Assert.DoesNotContain("null", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_CustomSchemaRegistered_IsAdvertisedLikeTheCoreOnes()
    {
        var badge = new ScimSchema("urn:example:params:scim:schemas:Badge", "Badge", [new SchemaAttribute("badgeNumber") { Required = true, CaseExact = true }]);
        var registry = SchemaRegistry.CreateDefault().AddSchema(badge)
            .AddResourceType(new ResourceType("Badge", "/Badges", badge.Id));

        var schemas = DiscoveryDocuments.Schemas(registry, "https://example.com/scim")["Resources"]!.AsArray();
        var types = DiscoveryDocuments.ResourceTypes(registry, "https://example.com/scim")["Resources"]!.AsArray();

        var written = schemas.Single(s => (string?)s!["id"] == badge.Id)!;
        Assert.Equal("badgeNumber", (string?)written["attributes"]![0]!["name"]);
        Assert.True((bool?)written["attributes"]![0]!["required"]);
        Assert.True((bool?)written["attributes"]![0]!["caseExact"]);
        Assert.Contains(types, t => (string?)t!["endpoint"] == "/Badges");
    }
}
