using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Patching;

/// <summary>The registry, resources and helpers the PATCH tests share.</summary>
internal static class PatchTesting
{
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();
    public static readonly ResourceType UserType = Registry.FindResourceType("User")!;
    public static readonly ResourceType GroupType = Registry.FindResourceType("Group")!;
    public static readonly SchemaValidator Validator = new(Registry);

    /// <summary>A user with every kind of attribute the tables touch.</summary>
    public const string BaseUser = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "bjensen",
          "userName": "bjensen@example.com",
          "name": { "formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara" },
          "displayName": "Babs Jensen",
          "active": true,
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "phoneNumbers": [
            { "value": "555-555-5555", "type": "work" },
            { "value": "555-555-4444", "type": "mobile" }
          ],
          "addresses": [
            { "streetAddress": "456 Hollywood Blvd", "locality": "Hollywood", "region": "CA", "postalCode": "91608", "country": "USA", "type": "home" }
          ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "department": "Tour Operations",
            "manager": { "value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith" }
          },
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W/\"3694e05e9dff591\""
          }
        }
        """;

    /// <summary>A group with two members, as in RFC 7644 §3.5.2.</summary>
    public const string BaseGroup = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "id": "acbf3ae7-8463-4692-b4fd-9b4da3f908ce",
          "displayName": "Tour Guides",
          "members": [
            { "value": "2819c223-7f76-453a-919d-413861904646", "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", "type": "User" },
            { "value": "902c246b-6245-4190-8e05-00816be7344a", "$ref": "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a", "type": "User" }
          ],
          "meta": { "resourceType": "Group", "created": "2010-01-23T04:56:22Z", "lastModified": "2011-05-13T04:42:34Z", "version": "W/\"3694e05e9dff592\"" }
        }
        """;

    public static ScimResource User(string json = BaseUser) => ScimResource.Parse(UserType, json);

    public static ScimResource Group(string json = BaseGroup) => ScimResource.Parse(GroupType, json);

    /// <summary>A PatchOp message around the given Operations array text.</summary>
    public static string Body(string operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{{operations}}}""";

    public static PatchResult Apply(ScimResource resource, string operations, PatchOptions? options = null) =>
        new PatchEngine(Registry, options).Apply(resource, PatchRequest.Parse(Body(operations), options));

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>
    /// Applies <paramref name="operations"/> to a resource (<c>""</c>: <see cref="BaseUser"/>, <c>group</c>:
    /// <see cref="BaseGroup"/>, else its JSON) and checks the result is that resource with <paramref name="changes"/>:
    /// an object of the attributes that differ (extension attributes by full URN path; <c>null</c>: no longer there).
    /// </summary>
    public static PatchResult AssertPatch(string resource, string operations, string changes, PatchOptions? options = null)
    {
        var json = resource switch { "" => BaseUser, "group" => BaseGroup, _ => resource };
        var original = resource == "group" || json.Contains(SchemaUrns.Group, StringComparison.Ordinal) ? Group(json) : User(json);
        var before = original.ToString();
        var expected = Object(json);
        foreach (var (name, value) in Object(changes))
        {
            var (owner, key) = name.StartsWith(Enterprise + ":", StringComparison.Ordinal)
                ? ((JsonObject)expected[Enterprise]!, name[(Enterprise.Length + 1)..])
                : (expected, name);
            if (value is null)
            {
                owner.Remove(key);
            }
            else
            {
                owner[key] = value.DeepClone();
            }
        }

        var result = Apply(original, operations, options);

        AssertJson(expected, result.Resource.Json);
        Assert.Equal(changes != "{}", result.Changed);
        Assert.Equal(before, original.ToString());
        return result;
    }

    public static void AssertJson(JsonNode expected, JsonNode actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"Expected:\n{expected.ToJsonString()}\nActual:\n{actual.ToJsonString()}");
        }
    }

    /// <summary>The resource as the validator leaves it, re-parsed so that it is lazily read like a stored one.</summary>
    public static ScimResource Normalised(ScimResource resource)
    {
        var copy = resource.Clone();
        Validator.Validate(copy);
        return ScimResource.Parse(copy.ResourceType, copy.ToString());
    }

    /// <summary>
    /// A PATCH result is schema-valid: the validator accepts it and has nothing to normalise, it holds no null or empty
    /// values, at most one primary per attribute, and its schemas list the extensions it has.
    /// </summary>
    public static void AssertValid(PatchResult result, string before, string where)
    {
        var json = result.Resource.Json;
        if (!result.Changed)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before), json), $"unchanged but different, {where}");
        }

        // The validator accepts it and finds nothing to normalise: the engine wrote values as the schema wants them.
        var copy = result.Resource.Clone();
        try
        {
            Validator.Validate(copy);
        }
        catch (ScimException e)
        {
            Assert.Fail($"invalid result, {where}: {e.Detail}\n{json.ToJsonString()}");
        }

        Assert.True(JsonNode.DeepEquals(json, copy.Json), $"not normalised, {where}\nengine:    {json.ToJsonString()}\nvalidator: {copy}");
        AssertAssigned(json, where);
        foreach (var (name, value) in json)
        {
            if (value is JsonArray array)
            {
                Assert.True(array.Count(e => e is JsonObject o && o["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.True) <= 1, $"two primaries in {name}, {where}");
            }
        }

        var hasEnterprise = json[Enterprise] is JsonObject;
        var listsEnterprise = json["schemas"]!.AsArray().Any(s => s!.GetValue<string>() == Enterprise);
        Assert.True(hasEnterprise == listsEnterprise || json["members"] is not null || json["userName"] is null, $"schemas out of step, {where}");
    }

    public static void AssertAssigned(JsonNode? node, string where)
    {
        switch (node)
        {
            case null:
                Assert.Fail($"a null value, {where}");
                break;
            case JsonObject complex:
                Assert.True(complex.Count > 0, $"an empty object, {where}");
                foreach (var (_, value) in complex)
                {
                    AssertAssigned(value, where);
                }

                break;
            case JsonArray array:
                Assert.True(array.Count > 0, $"an empty array, {where}");
                foreach (var value in array)
                {
                    AssertAssigned(value, where);
                }

                break;
        }
    }
}
