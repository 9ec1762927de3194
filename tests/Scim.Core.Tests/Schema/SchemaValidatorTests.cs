using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Serialization;

namespace Scim.Core.Tests.Schema;

public class SchemaValidatorTests
{
    private const string EnterpriseUrn = SchemaUrns.EnterpriseUser;
    private const string ThingUrn = "urn:test:Thing";
    private const string OptionalUrn = "urn:test:Optional";
    private const string BadgedUrn = "urn:test:Badged";
    private const string BadgeUrn = "urn:test:Badge";

    // Lazy, so that the tests of the custom schemas do not depend on the built-in ones.
    private static readonly Lazy<SchemaRegistry> LazyRfc = new(SchemaRegistry.CreateDefault);
    private static readonly Lazy<SchemaValidator> LazyValidator = new(() => new SchemaValidator(Rfc));
    private static readonly SchemaRegistry Custom = CustomRegistry();
    private static readonly SchemaValidator CustomValidator = new(Custom, new SchemaValidatorOptions { KeepWriteOnlyValues = true });

    private static SchemaRegistry Rfc => LazyRfc.Value;

    private static SchemaValidator Validator => LazyValidator.Value;

    private static ResourceType User => Rfc.FindResourceType("User")!;

    private static ResourceType Group => Rfc.FindResourceType("Group")!;

    private static ResourceType Thing => Custom.FindResourceType("Thing")!;

    private static ResourceType Badged => Custom.FindResourceType("Badged")!;

    /// <summary>
    /// Characteristics the RFC schemas lack: every type, strict canonical values, immutable and readOnly (sub-)attributes,
    /// required sub-attributes, an optional extension (Thing) and a required one (Badged).
    /// </summary>
    private static SchemaRegistry CustomRegistry()
    {
        var thing = new ScimSchema(ThingUrn, "Thing", [
            new SchemaAttribute("name") { Required = true },
            new SchemaAttribute("flag", AttributeType.Boolean),
            new SchemaAttribute("count", AttributeType.Integer),
            new SchemaAttribute("ratio", AttributeType.Decimal),
            new SchemaAttribute("when", AttributeType.DateTime),
            new SchemaAttribute("blob", AttributeType.Binary),
            new SchemaAttribute("link", AttributeType.Reference) { ReferenceTypes = ["external"] },
            new SchemaAttribute("tags") { MultiValued = true },
            new SchemaAttribute("level") { CanonicalValues = ["low", "high"], CanonicalValuesAreStrict = true },
            new SchemaAttribute("loose") { CanonicalValues = ["a", "b"] },
            new SchemaAttribute("serial") { Mutability = Mutability.Immutable },
            new SchemaAttribute("secret") { Mutability = Mutability.WriteOnly },
            new SchemaAttribute("stamp") { Mutability = Mutability.ReadOnly },
            new SchemaAttribute("parts", AttributeType.Complex)
            {
                MultiValued = true,
                SubAttributes = [
                    new SchemaAttribute("value") { Required = true, CaseExact = true },
                    new SchemaAttribute("label"),
                    new SchemaAttribute("primary", AttributeType.Boolean),
                    new SchemaAttribute("origin") { Mutability = Mutability.Immutable },
                    new SchemaAttribute("stamp") { Mutability = Mutability.ReadOnly },
                ],
            },
            new SchemaAttribute("period", AttributeType.Complex)
            {
                SubAttributes = [new SchemaAttribute("start", AttributeType.DateTime), new SchemaAttribute("end", AttributeType.DateTime)],
            },
            new SchemaAttribute("owner", AttributeType.Complex)
            {
                SubAttributes = [
                    new SchemaAttribute("value"),
                    new SchemaAttribute("display") { Mutability = Mutability.ReadOnly },
                ],
            },
        ]);
        var optional = new ScimSchema(OptionalUrn, "Optional", [new SchemaAttribute("note"), new SchemaAttribute("rank", AttributeType.Integer)]);
        var badged = new ScimSchema(BadgedUrn, "Badged", [new SchemaAttribute("title")]);
        var badge = new ScimSchema(BadgeUrn, "Badge", [new SchemaAttribute("badge") { Required = true }]);
        return new SchemaRegistry()
            .AddSchema(thing).AddSchema(optional).AddSchema(badged).AddSchema(badge)
            .AddResourceType(new ResourceType("Thing", "/Things", ThingUrn, [new SchemaExtension(OptionalUrn, Required: false)]))
            .AddResourceType(new ResourceType("Badged", "/Badged", BadgedUrn, [new SchemaExtension(BadgeUrn, Required: true)]));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Text(JsonNode? node) => node?.ToJsonString(ScimJson.Options) ?? "(absent)";

    /// <summary>A Thing body with its required name and the given extra properties.</summary>
    private static JsonObject ThingBody(string properties) =>
        Parse(properties.StartsWith("\"name\"", StringComparison.Ordinal)
            ? "{" + properties + "}"
            : "{\"schemas\":[\"" + ThingUrn + "\"],\"name\":\"n\"" + (properties.Length > 0 ? "," + properties : "") + "}");

    private static ScimException Rejected(Action action) => Assert.Throws<ScimException>(action);

    private static void AssertError(ScimException error, ScimErrorType type, string detail)
    {
        Assert.Equal(400, error.Status);
        Assert.Equal(type, error.ScimType);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    // ---- RFC 7643 §8 examples -------------------------------------------------------------------------------------

    private const string MinimalUser = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "userName": "bjensen@example.com",
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W\/\"3694e05e9dff590\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
          }
        }
        """;

    private const string Certificate =
        "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMxEzARBgNVBAgMCkNhbGlmb3JuaWExFDASBgNVBAoMC2V4YW1wbGUuY29tMRQwEgYD"
        + "VQQDDAtleGFtcGxlLmNvbTAeFw0xMTEwMjIwNjI0MzFaFw0xMjEwMDQwNjI0MzFaMH8xCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRQwEgYDVQQKDAtl"
        + "eGFtcGxlLmNvbTEhMB8GA1UEAwwYTXMuIEJhcmJhcmEgSiBKZW5zZW4gSUlJMSIwIAYJKoZIhvcNAQkBFhNiamVuc2VuQGV4YW1wbGUuY29tMIIBIjANBgkqhkiG9w0B"
        + "AQEFAAOCAQ8AMIIBCgKCAQEA7Kr+Dcds/JQ5GwejJFcBIP682X3xpjis56AK02bc1FLgzdLI8auoR+cC9/Vrh5t66HkQIOdA4unHh0AaZ4xL5PhVbXIPMB5vAPKpzz5i"
        + "PSi8xO8SL7I7SDhcBVJhqVqr3HgllEG6UClDdHO7nkLuwXq8HcISKkbT5WFTVfFZzidPl8HZ7DhXkZIRtJwBweq4bvm3hM1Os7UQH05ZS6cVDgweKNwdLLrT51ikSQG3"
        + "DYrl+ft781UQRIqxgwqCfXEuDiinPh0kkvIi5jivVu1Z9QiwlYEdRbLJ4zJQBmDrSGTMYn4lRc2HgHO4DqB/bnMVorHB0CC6AV1QoFK4GPe1LwIDAQABo3sweTAJBgNV"
        + "HRMEAjAAMCwGCWCGSAGG+EIBDQQfFh1PcGVuU1NMIEdlbmVyYXRlZCBDZXJ0aWZpY2F0ZTAdBgNVHQ4EFgQU8pD0U0vsZIsaA16lL8En8bx0F/gwHwYDVR0jBBgwFoAU"
        + "dGeKitcaF7gnzsNwDx708kqaVt0wDQYJKoZIhvcNAQEFBQADgYEAA81SsFnOdYJtNg5Tcq+/ByEDrBgnusx0jloUhByPMEVkoMZ3J7j1ZgI8rAbOkNngX8+pKfTiDz1R"
        + "C4+dx8oU6Za+4NJXUjlL5CvV6BEYb1+QAEJwitTVvxB/A67g42/vzgAtoRUeDov1+GFiBZ+GNF/cAYKcMtGcrs2i97ZkJMo=";

    /// <summary>The attributes RFC 7643 §8.2 and §8.3 share; <paramref name="groupRef"/> differs between them.</summary>
    private static string FullUserAttributes(string groupRef) => $$"""
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "701984",
          "userName": "bjensen@example.com",
          "name": {
            "formatted": "Ms. Barbara J Jensen, III",
            "familyName": "Jensen",
            "givenName": "Barbara",
            "middleName": "Jane",
            "honorificPrefix": "Ms.",
            "honorificSuffix": "III"
          },
          "displayName": "Babs Jensen",
          "nickName": "Babs",
          "profileUrl": "https://login.example.com/bjensen",
          "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
          ],
          "addresses": [
            {
              "type": "work",
              "streetAddress": "100 Universal City Plaza",
              "locality": "Hollywood",
              "region": "CA",
              "postalCode": "91608",
              "country": "USA",
              "formatted": "100 Universal City Plaza\nHollywood, CA 91608 USA",
              "primary": true
            },
            {
              "type": "home",
              "streetAddress": "456 Hollywood Blvd",
              "locality": "Hollywood",
              "region": "CA",
              "postalCode": "91608",
              "country": "USA",
              "formatted": "456 Hollywood Blvd\nHollywood, CA 91608 USA"
            }
          ],
          "phoneNumbers": [
            {"value": "555-555-5555", "type": "work"},
            {"value": "555-555-4444", "type": "mobile"}
          ],
          "ims": [{"value": "someaimhandle", "type": "aim"}],
          "photos": [
            {"value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"},
            {"value": "https://photos.example.com/profilephoto/72930000000Ccne/T", "type": "thumbnail"}
          ],
          "userType": "Employee",
          "title": "Tour Guide",
          "preferredLanguage": "en-US",
          "locale": "en-US",
          "timezone": "America/Los_Angeles",
          "active": true,
          "password": "t1meMa$heen",
          "groups": [
            {"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "$ref": "{{groupRef}}e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"},
            {"value": "fc348aa8-3835-40eb-a20b-c726e15c55b5", "$ref": "{{groupRef}}fc348aa8-3835-40eb-a20b-c726e15c55b5", "display": "Employees"},
            {"value": "71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7", "$ref": "{{groupRef}}71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7", "display": "US Employees"}
          ],
          "x509Certificates": [{"value": "{{Certificate}}"}]
        """;

    private static readonly string FullUser = $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        {{FullUserAttributes("https://example.com/v2/Groups/")}},
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W\/\"a330bc54f0671c9\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
          }
        }
        """;

    private static readonly string EnterpriseUser = $$"""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        {{FullUserAttributes("../Groups/")}},
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "costCenter": "4130",
            "organization": "Universal Studios",
            "division": "Theme Park",
            "department": "Tour Operations",
            "manager": {
              "value": "26118915-6090-4610-87e4-49d8ca9f808d",
              "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d",
              "displayName": "John Smith"
            }
          },
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W\/\"3694e05e9dff591\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
          }
        }
        """;

    private const string RfcGroup = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
          "displayName": "Tour Guides",
          "members": [
            {
              "value": "2819c223-7f76-453a-919d-413861904646",
              "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
              "display": "Babs Jensen"
            },
            {
              "value": "902c246b-6245-4190-8e05-00816be7344a",
              "$ref": "https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a",
              "display": "Mandy Pepperidge"
            }
          ],
          "meta": {
            "resourceType": "Group",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W\/\"3694e05e9dff592\"",
            "location": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a"
          }
        }
        """;

    /// <summary>RFC 7643 §8.1–§8.4, with the attribute paths whose values must come through unchanged.</summary>
    public static TheoryData<string, string, string[]> RfcExamples => new()
    {
        { "8.1 minimal user", MinimalUser, ["userName"] },
        {
            "8.2 full user", FullUser,
            ["externalId", "userName", "name", "displayName", "nickName", "profileUrl", "emails", "phoneNumbers", "ims", "photos",
             "userType", "title", "preferredLanguage", "locale", "timezone", "active", "x509Certificates"]
        },
        { "8.3 enterprise user", EnterpriseUser, ["externalId", "userName", "name", "emails", "active", "x509Certificates"] },
        { "8.4 group", RfcGroup, ["displayName"] },
    };

    private static ResourceType TypeOf(JsonObject json) =>
        json["schemas"]![0]!.GetValue<string>() == SchemaUrns.Group ? Group : User;

    [Theory]
    [MemberData(nameof(RfcExamples))]
    public void ValidateForCreate_RfcExample_KeepsWritableValuesAndDropsReadOnly(string example, string json, string[] unchanged)
    {
        var input = Parse(json);

        var resource = Validator.ValidateForCreate(TypeOf(input), input);

        foreach (var name in unchanged)
        {
            Assert.True(JsonNode.DeepEquals(input[name], resource.Json[name]), $"{example}: {name} is {Text(resource.Json[name])}");
        }

        Assert.Null(resource.Id);
        Assert.False(resource.Json.ContainsKey("meta"), example);
        Assert.False(resource.Json.ContainsKey("groups"), example);
        Assert.Equal(input["schemas"]!.AsArray().Select(s => s!.GetValue<string>()), resource.Schemas);
    }

    [Theory]
    [MemberData(nameof(RfcExamples))]
    public void Validate_RfcExampleAsStored_KeepsIdMetaAndReadOnlyValues(string example, string json, string[] unchanged)
    {
        var input = Parse(json);
        var resource = new ScimResource(TypeOf(input), (JsonObject)input.DeepClone());

        Validator.Validate(resource);

        foreach (var name in unchanged.Append("id").Append("meta"))
        {
            Assert.True(JsonNode.DeepEquals(input[name], resource.Json[name]), $"{example}: {name} is {Text(resource.Json[name])}");
        }

        Assert.True(JsonNode.DeepEquals(input["groups"], resource.Json["groups"]), example);
        Assert.Null(resource.Json["password"]); // writeOnly: dropped unless KeepWriteOnlyValues
        input.Remove("password");
        Assert.True(JsonNode.DeepEquals(input, ScimJson.ParseObject(resource.ToString())), $"{example} serializes back as {resource}");
        Assert.Equal("schemas", resource.Json.GetAt(0).Key);
        Assert.Equal("id", resource.Json.GetAt(1).Key);
    }

    [Fact]
    public void ValidateForCreate_RfcEnterpriseUser_KeepsTheExtensionButNotManagerDisplayName()
    {
        var resource = Validator.ValidateForCreate(User, Parse(EnterpriseUser));

        var enterprise = resource.Json[EnterpriseUrn]!.AsObject();
        Assert.Equal("701984", (string?)enterprise["employeeNumber"]);
        Assert.Equal("Tour Operations", (string?)enterprise["department"]);
        Assert.Equal("""{"value":"26118915-6090-4610-87e4-49d8ca9f808d","$ref":"../Users/26118915-6090-4610-87e4-49d8ca9f808d"}""", Text(enterprise["manager"]));
        Assert.Equal([SchemaUrns.User, EnterpriseUrn], resource.Schemas);
    }

    [Fact]
    public void ValidateForCreate_RfcGroupMembers_KeepsValuesAndReferences()
    {
        var resource = Validator.ValidateForCreate(Group, Parse(RfcGroup));

        var members = resource.Json["members"]!.AsArray();
        Assert.Equal(2, members.Count);
        Assert.Equal("902c246b-6245-4190-8e05-00816be7344a", (string?)members[1]!["value"]);
        Assert.Equal("https://example.com/v2/Users/902c246b-6245-4190-8e05-00816be7344a", (string?)members[1]!["$ref"]);
    }

    // ---- what identity providers send --------------------------------------------------------------------------

    /// <summary>entra-provisioning.md §2, "Create User", with <c>active</c> as Entra sends it with and without aadOptscim062020.</summary>
    [Theory]
    [InlineData("true", true)]
    [InlineData("\"True\"", true)]
    [InlineData("\"False\"", false)]
    public void ValidateForCreate_EntraCreateUser_IsAcceptedWithActiveAsABoolean(string active, bool expected)
    {
        var input = Parse($$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
              "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com",
              "active": {{active}},
              "emails": [{"primary": true, "type": "work", "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"}],
              "meta": {"resourceType": "User"},
              "name": {"formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName"},
              "roles": []
            }
            """);

        var resource = Validator.ValidateForCreate(User, input);

        Assert.Equal(expected, (bool?)resource.Json["active"]);
        Assert.Equal("""[{"primary":true,"type":"work","value":"Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"}]""", Text(resource.Json["emails"]));
        Assert.Equal("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", resource.ExternalId);
        Assert.False(resource.Json.ContainsKey("meta"));
        Assert.False(resource.Json.ContainsKey("roles"));

        // The enterprise URN is listed but no enterprise object is sent: the output lists what is present.
        Assert.Equal([SchemaUrns.User], resource.Schemas);
    }

    [Fact]
    public void ValidateForCreate_EntraCreateGroupWithItsOwnSchemaUrn_IsAccepted()
    {
        var input = Parse("""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
              "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
              "displayName": "displayName",
              "meta": {"resourceType": "Group"}
            }
            """);

        var resource = Validator.ValidateForCreate(Group, input);

        Assert.Equal("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"displayName"}""", resource.ToString());
    }

    /// <summary>okta-and-others.md §2: Okta's create body, with a placeholder password and the readOnly <c>groups</c>.</summary>
    private const string OktaCreateUser = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local",
         "name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],
         "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
        """;

    [Fact]
    public void ValidateForCreate_OktaCreateUser_DropsPlaceholderPasswordAndGroups()
    {
        var resource = Validator.ValidateForCreate(User, Parse(OktaCreateUser));

        Assert.Equal("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"test.user@okta.local","name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"test.user@okta.local","type":"work"}],"displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","active":true}
            """, resource.ToString());
    }

    [Fact]
    public void ValidateForCreate_KeepWriteOnlyValues_KeepsThePasswordForAHostThatHashesIt()
    {
        var validator = new SchemaValidator(LazyRfc.Value, new SchemaValidatorOptions { KeepWriteOnlyValues = true });

        var resource = validator.ValidateForCreate(User, Parse(OktaCreateUser));

        Assert.Equal("1mz050nq", resource.Json["password"]!.GetValue<string>());
    }

    /// <summary>okta-and-others.md §7: OneLogin's template sends one email object, a string <c>active</c> and a null <c>id</c>.</summary>
    [Fact]
    public void ValidateForCreate_OneLoginSingleEmailObject_IsWrappedIntoAnArray()
    {
        var input = Parse("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":null,"userName":"jo@example.com","active":"true",
             "emails":{"value":"jo@example.com","type":"work","primary":true}}
            """);

        var resource = Validator.ValidateForCreate(User, input);

        Assert.Equal("""[{"value":"jo@example.com","type":"work","primary":true}]""", Text(resource.Json["emails"]));
        Assert.True((bool?)resource.Json["active"]);
        Assert.Null(resource.Id);
    }

    [Fact]
    public void ValidateForCreate_ManagerAsAPlainId_BecomesAComplexValue()
    {
        var input = Parse($$$"""{"userName":"a","{{{EnterpriseUrn}}}":{"manager":"26118915"}}""");

        var resource = Validator.ValidateForCreate(User, input);

        Assert.Equal("""{"value":"26118915"}""", Text(resource.Json[EnterpriseUrn]!["manager"]));
    }

    // ---- schemas ----------------------------------------------------------------------------------------------------

    public static TheoryData<string, string[]> AcceptedSchemas => new()
    {
        { $$"""{"schemas":["{{ThingUrn}}"],"name":"n"}""", [ThingUrn] },
        { """{"name":"n"}""", [ThingUrn] },
        { $$"""{"schemas":[],"name":"n"}""", [ThingUrn] },
        { $$$"""{"schemas":["{{{OptionalUrn}}}"],"name":"n","{{{OptionalUrn}}}":{"note":"x"}}""", [ThingUrn, OptionalUrn] },
        { $$$"""{"schemas":["{{{ThingUrn}}}"],"name":"n","{{{OptionalUrn}}}":{"note":"x"}}""", [ThingUrn, OptionalUrn] },
        { $$"""{"schemas":["URN:TEST:THING","{{OptionalUrn.ToUpperInvariant()}}"],"name":"n"}""", [ThingUrn] },
        { $$$"""{"schemas":["{{{ThingUrn}}}","{{{OptionalUrn}}}"],"name":"n","{{{OptionalUrn}}}":{}}""", [ThingUrn] },
        { $$"""{"schemas":["{{ThingUrn}}"],"name":"n","{{OptionalUrn}}":null}""", [ThingUrn] },
    };

    [Theory]
    [MemberData(nameof(AcceptedSchemas))]
    public void ValidateForCreate_SchemasList_IsRebuiltFromWhatIsPresent(string json, string[] expected)
    {
        var resource = CustomValidator.ValidateForCreate(Thing, Parse(json));

        Assert.Equal(expected, resource.Schemas);
        Assert.Equal("schemas", resource.Json.GetAt(0).Key);
    }

    public static TheoryData<string, string> RejectedSchemas => new()
    {
        { """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"name":"n"}""", "urn:ietf:params:scim:schemas:core:2.0:User" },
        { $$"""{"schemas":["{{ThingUrn}}","urn:example:unknown"],"name":"n"}""", "urn:example:unknown" },
        { $$"""{"schemas":["{{BadgeUrn}}"],"name":"n"}""", BadgeUrn },
        { """{"schemas":[42],"name":"n"}""", "schemas[0]" },
        { """{"schemas":{"urn":"x"},"name":"n"}""", "schemas" },
    };

    [Theory]
    [MemberData(nameof(RejectedSchemas))]
    public void ValidateForCreate_UnknownSchemaUrn_IsInvalidSyntax(string json, string named)
    {
        var error = Rejected(() => CustomValidator.ValidateForCreate(Thing, Parse(json)));

        AssertError(error, ScimErrorType.InvalidSyntax, named);
    }

    [Fact]
    public void ValidateForCreate_RequiredExtensionPresent_IsListed()
    {
        var resource = CustomValidator.ValidateForCreate(Badged, Parse("""{"title":"t","URN:TEST:BADGE":{"BADGE":"gold"}}"""));

        Assert.Equal("""{"schemas":["urn:test:Badged","urn:test:Badge"],"title":"t","urn:test:Badge":{"badge":"gold"}}""", resource.ToString());
    }

    [Theory]
    [InlineData("""{"title":"t"}""", BadgeUrn)]
    [InlineData("""{"title":"t","urn:test:Badge":null}""", BadgeUrn)]
    [InlineData("""{"title":"t","urn:test:Badge":{}}""", "urn:test:Badge:badge")]
    [InlineData("""{"title":"t","urn:test:Badge":{"badge":""}}""", "urn:test:Badge:badge")]
    [InlineData("""{"title":"t","urn:test:Badge":"gold"}""", BadgeUrn)]
    public void ValidateForCreate_RequiredExtensionMissing_IsInvalidValue(string json, string named)
    {
        var error = Rejected(() => CustomValidator.ValidateForCreate(Badged, Parse(json)));

        AssertError(error, ScimErrorType.InvalidValue, named);
    }

    [Fact]
    public void ValidateForCreate_EntraGroupUrnNotIgnored_IsInvalidSyntax()
    {
        var validator = new SchemaValidator(Rfc, new SchemaValidatorOptions { IgnoredSchemaUrns = [] });
        var input = Parse($$"""{"schemas":["{{SchemaUrns.Group}}","{{SchemaValidatorOptions.EntraGroupSchemaUrn}}"],"displayName":"g"}""");

        var error = Rejected(() => validator.ValidateForCreate(Group, input));

        AssertError(error, ScimErrorType.InvalidSyntax, SchemaValidatorOptions.EntraGroupSchemaUrn);
    }

    [Theory]
    [InlineData("""{"title":"t"}""", false)]
    [InlineData("""{"title":"t","urn:test:Badge":{"badge":"silver"}}""", true)]
    public void ValidateForReplace_RequiredExtension_MustBeSentAgain(string json, bool accepted)
    {
        var existing = CustomValidator.ValidateForCreate(Badged, Parse("""{"title":"t","urn:test:Badge":{"badge":"gold"}}"""));

        if (accepted)
        {
            Assert.Equal("silver", (string?)CustomValidator.ValidateForReplace(existing, Parse(json)).Json[BadgeUrn]!["badge"]);
        }
        else
        {
            AssertError(Rejected(() => CustomValidator.ValidateForReplace(existing, Parse(json))), ScimErrorType.InvalidValue, BadgeUrn);
        }
    }

    // ---- names ------------------------------------------------------------------------------------------------------

    [Fact]
    public void ValidateForCreate_NamesInAnyCase_AreNormalisedToTheSchemaSpelling()
    {
        var input = Parse($$$$"""
            {"SCHEMAS":["{{{{SchemaUrns.User.ToUpperInvariant()}}}}"],"USERNAME":"bjensen","Name":{"GIVENNAME":"Barbara"},
             "emails":[{"VALUE":"b@example.com","Primary":"TRUE"}],"EXTERNALID":"7",
             "{{{{EnterpriseUrn.ToUpperInvariant()}}}}":{"EMPLOYEENUMBER":"701984","Manager":{"Value":"26"}}}
            """);

        var resource = Validator.ValidateForCreate(User, input);

        Assert.Equal($$$$"""
            {"schemas":["{{{{SchemaUrns.User}}}}","{{{{EnterpriseUrn}}}}"],"userName":"bjensen","name":{"givenName":"Barbara"},"emails":[{"value":"b@example.com","primary":true}],"externalId":"7","{{{{EnterpriseUrn}}}}":{"employeeNumber":"701984","manager":{"value":"26"}}}
            """, resource.ToString());
    }

    [Theory]
    [InlineData("\"name\":\"n\",\"NAME\":\"m\"", "name")]
    [InlineData("\"name\":\"n\",\"owner\":{\"value\":\"a\",\"VALUE\":\"b\"}", "owner.value")]
    [InlineData("\"name\":\"n\",\"urn:test:Optional\":{},\"URN:TEST:OPTIONAL\":{}", OptionalUrn)]
    public void ValidateForCreate_SameNameTwiceInDifferentCase_IsInvalidSyntax(string properties, string named)
    {
        var error = Rejected(() => CustomValidator.ValidateForCreate(Thing, Parse($"{{{properties}}}")));

        AssertError(error, ScimErrorType.InvalidSyntax, named);
    }

    // ---- types and coercions ----------------------------------------------------------------------------------------

    /// <summary>(property in a Thing body, attribute, the normalised value or "(absent)").</summary>
    public static TheoryData<string, string, string> AcceptedValues => new()
    {
        { "\"flag\":true", "flag", "true" },
        { "\"flag\":false", "flag", "false" },
        { "\"flag\":\"True\"", "flag", "true" },
        { "\"flag\":\"false\"", "flag", "false" },
        { "\"flag\":\"FALSE\"", "flag", "false" },
        { "\"count\":42", "count", "42" },
        { "\"count\":\"42\"", "count", "42" },
        { "\"count\":-9223372036854775808", "count", "-9223372036854775808" },
        { "\"ratio\":1.5", "ratio", "1.5" },
        { "\"ratio\":3", "ratio", "3" },
        { "\"ratio\":\"2.25\"", "ratio", "2.25" },
        { "\"ratio\":-0.125", "ratio", "-0.125" },
        { "\"when\":\"2008-01-23T04:56:22Z\"", "when", "\"2008-01-23T04:56:22Z\"" },
        { "\"when\":\"2011-05-13T06:42:34.5+02:00\"", "when", "\"2011-05-13T06:42:34.5+02:00\"" },
        { "\"blob\":\"aGVsbG8=\"", "blob", "\"aGVsbG8=\"" },
        { "\"link\":\"https://example.com/v2/Users/2819c223\"", "link", "\"https://example.com/v2/Users/2819c223\"" },
        { "\"link\":\"../Users/2819c223\"", "link", "\"../Users/2819c223\"" },
        { "\"link\":\"urn:ietf:params:scim:schemas:core:2.0:User\"", "link", "\"urn:ietf:params:scim:schemas:core:2.0:User\"" },
        { "\"link\":\"https://example.com/a%20b\"", "link", "\"https://example.com/a%20b\"" },
        { "\"name\":42", "name", "\"42\"" },
        { "\"name\":4.50", "name", "\"4.50\"" },
        { "\"name\":true", "name", "\"true\"" },
        { "\"tags\":[\"a\",1,false]", "tags", "[\"a\",\"1\",\"false\"]" },
        { "\"tags\":\"solo\"", "tags", "[\"solo\"]" },
        { "\"tags\":[null,\"a\"]", "tags", "[\"a\"]" },
        { "\"tags\":[]", "tags", "(absent)" },
        { "\"flag\":null", "flag", "(absent)" },
        { "\"flag\":[]", "flag", "(absent)" },
        { "\"flag\":[true]", "flag", "true" },
        { "\"owner\":{}", "owner", "(absent)" },
        { "\"owner\":{\"value\":null}", "owner", "(absent)" },
        { "\"owner\":\"m1\"", "owner", "{\"value\":\"m1\"}" },
        { "\"parts\":5", "parts", "[{\"value\":\"5\"}]" },
        { "\"period\":{\"START\":\"2008-01-23T04:56:22Z\"}", "period", "{\"start\":\"2008-01-23T04:56:22Z\"}" },
        { "\"level\":\"HIGH\"", "level", "\"HIGH\"" },
        { "\"level\":\"low\"", "level", "\"low\"" },
        { "\"loose\":\"anything\"", "loose", "\"anything\"" },
        { "\"secret\":\"s3cret\"", "secret", "\"s3cret\"" },
        { "\"serial\":\"A-1\"", "serial", "\"A-1\"" },
        { "\"stamp\":\"client value\"", "stamp", "(absent)" },
        { "\"parts\":[{\"value\":\"a\",\"primary\":true},{\"value\":\"b\",\"primary\":false}]", "parts", "[{\"value\":\"a\",\"primary\":true},{\"value\":\"b\",\"primary\":false}]" },
        { "\"parts\":[{\"value\":\"a\",\"primary\":\"True\"},{\"value\":\"b\",\"primary\":\"False\"}]", "parts", "[{\"value\":\"a\",\"primary\":true},{\"value\":\"b\",\"primary\":false}]" },
        { "\"parts\":[{\"value\":\"a\",\"stamp\":\"x\",\"origin\":\"o\"}]", "parts", "[{\"value\":\"a\",\"origin\":\"o\"}]" },
        { "\"parts\":[{\"label\":null}]", "parts", "(absent)" },
        { "\"parts\":{\"value\":\"a\"}", "parts", "[{\"value\":\"a\"}]" },
        { "\"owner\":{\"value\":\"m1\",\"display\":\"Boss\"}", "owner", "{\"value\":\"m1\"}" },
    };

    [Theory]
    [MemberData(nameof(AcceptedValues))]
    public void ValidateForCreate_AcceptedValue_IsNormalised(string property, string attribute, string expected)
    {
        var resource = CustomValidator.ValidateForCreate(Thing, ThingBody(property));

        Assert.Equal(expected, Text(resource.Json[attribute]));
    }

    /// <summary>(property in a Thing body, the start of the detail: the path and what was expected).</summary>
    public static TheoryData<string, string> RejectedValues => new()
    {
        { "\"flag\":\"maybe\"", "flag: expected a boolean, found the string \"maybe\"" },
        { "\"flag\":1", "flag: expected a boolean, found the number 1" },
        { "\"flag\":\"yes\"", "flag: expected a boolean" },
        { "\"flag\":{}", "flag: expected a boolean, found an object" },
        { "\"flag\":[true,false]", "flag: expected a single value, found an array of 2 values" },
        { "\"count\":4.5", "count: expected an integer" },
        { "\"count\":\"4.5\"", "count: expected an integer" },
        { "\"count\":1e3", "count: expected an integer" },
        { "\"count\":9223372036854775808", "count: expected an integer" },
        { "\"count\":\"12abc\"", "count: expected an integer" },
        { "\"count\":true", "count: expected an integer (a whole number within 64 bits), found the boolean true" },
        { "\"ratio\":\"abc\"", "ratio: expected a decimal number" },
        { "\"ratio\":true", "ratio: expected a decimal number" },
        { "\"ratio\":1e300", "ratio: expected a decimal number" },
        { "\"when\":\"yesterday\"", "when: expected a dateTime" },
        { "\"when\":\"2008-13-45T04:56:22Z\"", "when: expected a dateTime" },
        { "\"when\":20080123", "when: expected a dateTime" },
        { "\"blob\":\"not base64!\"", "blob: expected base64-encoded binary" },
        { "\"blob\":12", "blob: expected base64-encoded binary" },
        { "\"link\":\"not a uri\"", "link: expected a URI reference" },
        { "\"link\":\"http://example.com/%zz\"", "link: expected a URI reference" },
        { "\"link\":42", "link: expected a URI reference" },
        { "\"name\":{\"x\":1}", "name: expected a string, found an object" },
        { "\"tags\":[[\"a\"]]", "tags[0]: expected a string, found an array" },
        { "\"tags\":[\"a\",{}]", "tags[1]: expected a string, found an object" },
        { "\"level\":\"medium\"", "level: \"medium\" is not one of the accepted values (low, high)" },
        { "\"parts\":[{\"value\":\"a\",\"primary\":\"maybe\"}]", "parts[0].primary: expected a boolean, found the string \"maybe\"" },
        { "\"parts\":[{\"value\":\"a\",\"primary\":true},{\"value\":\"b\",\"primary\":\"True\"}]", "parts: at most one value may have primary set to true" },
        { "\"parts\":[{\"value\":\"a\"},{\"label\":\"b\"}]", "parts[1].value: the attribute is required" },
        { "\"parts\":[{\"value\":\"\"}]", "parts[0].value: the attribute is required" },
        { "\"period\":5", "period: expected a complex value (an object), found the number 5" },
        { "\"period\":[\"2008-01-23T04:56:22Z\"]", "period: expected a complex value (an object), found the string \"2008-01-23T04:56:22Z\"" },
        { "\"period\":{\"start\":\"soon\"}", "period.start: expected a dateTime" },
        { "\"owner\":{\"value\":{}}", "owner.value: expected a string, found an object" },
        { "\"owner\":[{\"value\":\"a\"},{\"value\":\"b\"}]", "owner: expected a single value, found an array of 2 values" },
        { "\"secret\":{\"p\":\"hunter2\"}", "secret: expected a string, found an object" },
    };

    [Theory]
    [MemberData(nameof(RejectedValues))]
    public void ValidateForCreate_RejectedValue_IsInvalidValueNamingThePath(string property, string detail)
    {
        var error = Rejected(() => CustomValidator.ValidateForCreate(Thing, ThingBody(property)));

        AssertError(error, ScimErrorType.InvalidValue, detail);
        Assert.StartsWith(detail.Split(':')[0] + ":", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateForCreate_WriteOnlyValueInAnError_IsNotEchoed()
    {
        var error = Rejected(() => CustomValidator.ValidateForCreate(Thing, ThingBody("\"secret\":[\"hunter2\",\"hunter3\"]")));

        Assert.DoesNotContain("hunter", error.Detail, StringComparison.Ordinal);
    }

    // ---- required ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// RFC 7643 §4.2 calls a group's displayName REQUIRED, but the §8.7.1 schema JSON (which BuiltInSchemas embeds
    /// unchanged) says <c>"required": false</c>; this registry marks it required to test the rule on the Group shape.
    /// </summary>
    private static readonly Lazy<SchemaRegistry> GroupWithRequiredName = new(() => new SchemaRegistry()
        .AddSchema(new ScimSchema(SchemaUrns.Group, "Group", BuiltInSchemas.Group.Attributes
            .Select(a => a.Name == "displayName" ? new SchemaAttribute("displayName") { Required = true } : a)))
        .AddResourceType(new ResourceType("Group", "/Groups", SchemaUrns.Group)));

    private static (SchemaValidator Validator, ResourceType Type) ValidatorFor(string type) => type == "User"
        ? (Validator, User)
        : (new SchemaValidator(GroupWithRequiredName.Value), GroupWithRequiredName.Value.FindResourceType("Group")!);

    [Theory]
    [InlineData("User", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"displayName":"Babs"}""", "userName")]
    [InlineData("User", """{"userName":null}""", "userName")]
    [InlineData("User", """{"userName":""}""", "userName")]
    [InlineData("User", """{"userName":[]}""", "userName")]
    [InlineData("Group", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"members":[]}""", "displayName")]
    [InlineData("Group", """{"displayName":null}""", "displayName")]
    public void ValidateForCreate_RequiredAttributeMissing_IsInvalidValueNamingIt(string type, string json, string attribute)
    {
        var (validator, resourceType) = ValidatorFor(type);

        var error = Rejected(() => validator.ValidateForCreate(resourceType, Parse(json)));

        AssertError(error, ScimErrorType.InvalidValue, $"{attribute}: the attribute is required");
    }

    [Theory]
    [InlineData("User", """{"userName":"bjensen"}""")]
    [InlineData("Group", """{"displayName":"Tour Guides"}""")]
    public void ValidateForCreate_RequiredAttributePresent_IsAccepted(string type, string json)
    {
        var (validator, resourceType) = ValidatorFor(type);

        var resource = validator.ValidateForCreate(resourceType, Parse(json));

        Assert.Equal(2, resource.Json.Count);
    }

    [Fact]
    public void ValidateForCreate_RequiredSubAttributeOfAnAbsentValue_IsNotRequired()
    {
        var resource = CustomValidator.ValidateForCreate(Thing, ThingBody("\"parts\":[]"));

        Assert.False(resource.Json.ContainsKey("parts"));
    }

    // ---- unknown attributes -----------------------------------------------------------------------------------------

    public static TheoryData<string, string> UnknownAttributes => new()
    {
        { "\"bogus\":1", "bogus" },
        { "\"parts\":[{\"value\":\"a\",\"bogus\":1}]", "parts[0].bogus" },
        { "\"owner\":{\"value\":\"a\",\"bogus\":1}", "owner.bogus" },
        { "\"urn:test:Optional\":{\"note\":\"x\",\"bogus\":1}", "urn:test:Optional:bogus" },
        { "\"urn:example:other\":{\"a\":1}", "urn:example:other" },
    };

    [Theory]
    [MemberData(nameof(UnknownAttributes))]
    public void ValidateForCreate_UnknownAttributeWithIgnore_IsDropped(string property, string path)
    {
        var resource = CustomValidator.ValidateForCreate(Thing, ThingBody(property));

        Assert.DoesNotContain("bogus", resource.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("urn:example", resource.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(path);
    }

    [Theory]
    [MemberData(nameof(UnknownAttributes))]
    public void ValidateForCreate_UnknownAttributeWithReject_IsInvalidSyntaxNamingIt(string property, string path)
    {
        var validator = new SchemaValidator(Custom, new SchemaValidatorOptions { UnknownAttributes = UnknownAttributePolicy.Reject });

        var error = Rejected(() => validator.ValidateForCreate(Thing, ThingBody(property)));

        AssertError(error, ScimErrorType.InvalidSyntax, path + ":");
    }

    [Fact]
    public void ValidateForCreate_KnownAttributesWithReject_AreAccepted()
    {
        var validator = new SchemaValidator(Rfc, new SchemaValidatorOptions { UnknownAttributes = UnknownAttributePolicy.Reject });

        var resource = validator.ValidateForCreate(User, Parse(OktaCreateUser));

        Assert.Equal("test.user@okta.local", (string?)resource.Json["userName"]);
    }

    // ---- limits -----------------------------------------------------------------------------------------------------

    private static readonly SchemaValidatorOptions Small = new() { MaxStringLength = 5, MaxValuesPerAttribute = 2, MaxMembers = 3 };

    [Theory]
    [InlineData("\"name\":\"abcde\"", true)]
    [InlineData("\"name\":\"abcdef\"", false)]
    [InlineData("\"link\":\"../abcd\"", false)]
    [InlineData("\"tags\":[\"a\",\"b\"]", true)]
    [InlineData("\"tags\":[\"a\",\"b\",\"c\"]", false)]
    [InlineData("\"tags\":[null,null,null]", false)]
    public void ValidateForCreate_Limits_AreEnforced(string property, bool accepted)
    {
        var validator = new SchemaValidator(Custom, Small);
        var body = ThingBody(property);

        if (accepted)
        {
            validator.ValidateForCreate(Thing, body);
        }
        else
        {
            AssertError(Rejected(() => validator.ValidateForCreate(Thing, body)), ScimErrorType.InvalidValue, "at most");
        }
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void ValidateForCreate_GroupMembers_HaveTheirOwnLargerLimit(int members, bool accepted)
    {
        var validator = new SchemaValidator(Rfc, Small);
        var body = new JsonObject
        {
            ["displayName"] = "g",
            ["members"] = new JsonArray([.. Enumerable.Range(0, members).Select(i => (JsonNode)new JsonObject { ["value"] = $"u{i}" })]),
        };

        if (accepted)
        {
            Assert.Equal(members, validator.ValidateForCreate(Group, body).Json["members"]!.AsArray().Count);
        }
        else
        {
            AssertError(Rejected(() => validator.ValidateForCreate(Group, body)), ScimErrorType.InvalidValue, "members: at most 3 values");
        }
    }

    [Fact]
    public void Options_NonPositiveLimit_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SchemaValidatorOptions { MaxStringLength = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SchemaValidatorOptions { MaxValuesPerAttribute = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SchemaValidatorOptions { MaxMembers = 0 });
    }

    // ---- replace: readOnly and immutable ----------------------------------------------------------------------------

    private static ScimResource StoredUser()
    {
        var user = Validator.ValidateForCreate(User, Parse($$$$"""{"userName":"bjensen","{{{{EnterpriseUrn}}}}":{"manager":{"value":"m1"}}}"""));
        user.Id = "2819c223";
        user.Meta = new ScimMeta("User", new DateTimeOffset(2010, 1, 23, 4, 56, 22, TimeSpan.Zero), new DateTimeOffset(2011, 5, 13, 4, 42, 34, TimeSpan.Zero), "https://example.com/v2/Users/2819c223", "W/\"1\"");
        user.Json["groups"] = JsonNode.Parse("""[{"value":"g1","display":"Tour Guides"}]""");
        user.Json[EnterpriseUrn]!["manager"]!["displayName"] = "John Smith";
        return user;
    }

    [Fact]
    public void ValidateForReplace_ReadOnlyInput_IsIgnoredAndTheExistingValuesKept()
    {
        var existing = StoredUser();
        var input = Parse($$$$"""
            {"schemas":["{{{{SchemaUrns.User}}}}"],"id":"other","userName":"babs",
             "meta":{"resourceType":"User","created":"04-12-2018 00:00:00","version":"v1.0"},"groups":[],
             "{{{{EnterpriseUrn}}}}":{"manager":{"value":"m1","displayName":"Someone Else"}}}
            """);

        var resource = Validator.ValidateForReplace(existing, input);

        Assert.Equal("2819c223", resource.Id);
        Assert.Equal("babs", (string?)resource.Json["userName"]);
        Assert.True(JsonNode.DeepEquals(existing.Json["meta"], resource.Json["meta"]));
        Assert.True(JsonNode.DeepEquals(existing.Json["groups"], resource.Json["groups"]));
        Assert.Equal("""{"value":"m1","displayName":"John Smith"}""", Text(resource.Json[EnterpriseUrn]!["manager"]));
        Assert.Equal("id", resource.Json.GetAt(1).Key);
    }

    [Fact]
    public void ValidateForReplace_ManagerChanged_DropsTheOldManagersReadOnlyDisplayName()
    {
        var resource = Validator.ValidateForReplace(StoredUser(), Parse($$$"""{"userName":"bjensen","{{{EnterpriseUrn}}}":{"manager":"m2"}}"""));

        Assert.Equal("""{"value":"m2"}""", Text(resource.Json[EnterpriseUrn]!["manager"]));
    }

    [Fact]
    public void ValidateForReplace_AttributesLeftOut_AreCleared()
    {
        var resource = Validator.ValidateForReplace(StoredUser(), Parse("""{"userName":"bjensen"}"""));

        Assert.False(resource.Json.ContainsKey(EnterpriseUrn));
        Assert.Equal([SchemaUrns.User], resource.Schemas);
    }

    private static ScimResource StoredGroup(string members)
    {
        var group = Validator.ValidateForCreate(Group, Parse($$"""{"displayName":"g","members":{{members}}}"""));
        group.Id = "e9e30dba";
        return group;
    }

    [Theory]
    [InlineData("""[{"value":"u1","type":"User"}]""", """[{"value":"u1","type":"Group"}]""", "members[0].type")]
    [InlineData("""[{"value":"u1","$ref":"../Users/u1"}]""", """[{"value":"u2"},{"value":"u1","$ref":"../Users/other"}]""", "members[1].$ref")]
    public void ValidateForReplace_ImmutableSubAttributeChanged_IsMutability(string before, string after, string path)
    {
        var existing = StoredGroup(before);

        var error = Rejected(() => Validator.ValidateForReplace(existing, Parse($$"""{"displayName":"g","members":{{after}}}""")));

        AssertError(error, ScimErrorType.Mutability, path);
    }

    [Theory]
    [InlineData("""[{"value":"u1","type":"User"}]""", """[{"value":"u1","type":"User"}]""", """[{"value":"u1","type":"User"}]""")]
    [InlineData("""[{"value":"u1","type":"User"}]""", """[{"value":"u1","$ref":null}]""", """[{"value":"u1","type":"User"}]""")]
    [InlineData("""[{"value":"u1"}]""", """[{"value":"u1","type":"User"}]""", """[{"value":"u1","type":"User"}]""")]
    [InlineData("""[{"value":"u1","type":"User"}]""", """[{"value":"u2","type":"Group"}]""", """[{"value":"u2","type":"Group"}]""")]
    [InlineData("""[{"value":"u1","type":"User"}]""", """[]""", "(absent)")]
    public void ValidateForReplace_MembersAddedRemovedOrImmutableUnchanged_AreAccepted(string before, string after, string expected)
    {
        var existing = StoredGroup(before);

        var resource = Validator.ValidateForReplace(existing, Parse($$"""{"displayName":"g","members":{{after}}}"""));

        Assert.Equal(expected, Text(resource.Json["members"]));
        Assert.Equal("e9e30dba", resource.Id);
    }

    private static ScimResource StoredThing(string properties)
    {
        var thing = CustomValidator.ValidateForCreate(Thing, ThingBody(properties));
        thing.Id = "t1";
        return thing;
    }

    /// <summary>(stored properties, replacement properties, attribute, its value after the replace).</summary>
    public static TheoryData<string, string, string, string> AcceptedReplacements => new()
    {
        { "\"serial\":\"A\"", "\"serial\":\"A\"", "serial", "\"A\"" },
        { "\"serial\":\"A\"", "", "serial", "\"A\"" },
        { "\"serial\":\"A\"", "\"serial\":null", "serial", "\"A\"" },
        { "", "\"serial\":\"B\"", "serial", "\"B\"" },
        { "\"parts\":[{\"value\":\"a\",\"origin\":\"o\"}]", "\"parts\":[{\"value\":\"a\",\"label\":\"L\"}]", "parts", "[{\"value\":\"a\",\"label\":\"L\",\"origin\":\"o\"}]" },
        { "\"parts\":[{\"value\":\"a\"}]", "\"parts\":[{\"value\":\"a\",\"origin\":\"o\"}]", "parts", "[{\"value\":\"a\",\"origin\":\"o\"}]" },
        { "\"flag\":true", "\"flag\":\"False\"", "flag", "false" },
    };

    [Theory]
    [MemberData(nameof(AcceptedReplacements))]
    public void ValidateForReplace_ImmutableUnchangedOrUnassigned_IsAccepted(string stored, string replacement, string attribute, string expected)
    {
        var resource = CustomValidator.ValidateForReplace(StoredThing(stored), ThingBody(replacement));

        Assert.Equal(expected, Text(resource.Json[attribute]));
    }

    [Theory]
    [InlineData("\"serial\":\"A\"", "\"serial\":\"B\"", "serial")]
    [InlineData("\"serial\":\"A\"", "\"SERIAL\":\"a\"", "serial")]
    [InlineData("\"parts\":[{\"value\":\"a\",\"origin\":\"o\"}]", "\"parts\":[{\"value\":\"a\",\"origin\":\"p\"}]", "parts[0].origin")]
    public void ValidateForReplace_ImmutableChanged_IsMutabilityNamingThePath(string stored, string replacement, string path)
    {
        var error = Rejected(() => CustomValidator.ValidateForReplace(StoredThing(stored), ThingBody(replacement)));

        AssertError(error, ScimErrorType.Mutability, path + ":");
    }

    [Fact]
    public void ValidateForReplace_ReadOnlySubAttributes_AreKeptForTheMatchingValue()
    {
        var existing = StoredThing("\"parts\":[{\"value\":\"a\"},{\"value\":\"b\"}],\"owner\":{\"value\":\"m1\"}");
        existing.Json["stamp"] = "server";
        existing.Json["parts"]![1]!["stamp"] = "kept";
        existing.Json["owner"]!["display"] = "Boss";

        var resource = CustomValidator.ValidateForReplace(existing, ThingBody("\"stamp\":\"client\",\"parts\":[{\"value\":\"b\",\"stamp\":\"client\"},{\"value\":\"c\"}],\"owner\":{\"value\":\"m1\"}"));

        Assert.Equal("\"server\"", Text(resource.Json["stamp"]));
        Assert.Equal("""[{"value":"b","stamp":"kept"},{"value":"c"}]""", Text(resource.Json["parts"]));
        Assert.Equal("""{"value":"m1","display":"Boss"}""", Text(resource.Json["owner"]));
    }

    [Fact]
    public void ValidateForReplace_RequiredAttributeMissing_IsInvalidValue()
    {
        var error = Rejected(() => Validator.ValidateForReplace(StoredUser(), Parse("""{"displayName":"Babs"}""")));

        AssertError(error, ScimErrorType.InvalidValue, "userName");
    }

    // ---- nothing partially applied ----------------------------------------------------------------------------------

    public static TheoryData<string> Bodies => new()
    {
        EnterpriseUser,
        """{"USERNAME":"a","emails":{"value":"a@x","primary":"True"},"active":"False","groups":[{"value":"g"}],"id":"x","meta":{}}""",
        """{"userName":"a","emails":[{"value":"a@x","primary":true},{"value":"b@x","primary":true}]}""",
        """{"userName":"a","active":"maybe"}""",
        """{"schemas":["urn:example:unknown"],"userName":"a"}""",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void ValidateForCreateAndReplace_AnyInput_IsNotMutated(string json)
    {
        var input = Parse(json);
        var before = input.ToJsonString();
        var existing = StoredUser();
        var existingBefore = existing.ToString();

        try
        {
            Validator.ValidateForCreate(User, input);
        }
        catch (ScimException)
        {
        }

        try
        {
            Validator.ValidateForReplace(existing, input);
        }
        catch (ScimException)
        {
        }

        Assert.Equal(before, input.ToJsonString());
        Assert.Equal(existingBefore, existing.ToString());
    }

    [Fact]
    public void ValidateForCreate_Output_SharesNoNodeWithTheInput()
    {
        var input = Parse(EnterpriseUser);

        var resource = Validator.ValidateForCreate(User, input);
        resource.Json["name"]!["givenName"] = "Changed";
        resource.Json["emails"]!.AsArray().Clear();

        Assert.Equal(Parse(EnterpriseUser).ToJsonString(), input.ToJsonString());
    }

    [Fact]
    public void Validate_StoredResourceAfterPatch_IsNormalisedInPlace()
    {
        var resource = new ScimResource(User, Parse($$$"""
            {"schemas":["{{{SchemaUrns.User}}}"],"id":"2819c223","userName":"a","ACTIVE":"False","emails":{"value":"a@x"},"nickName":null,"bogus":1,
             "{{{EnterpriseUrn}}}":{"employeeNumber":42}}
            """));

        Validator.Validate(resource);

        Assert.Equal($$$"""
            {"schemas":["{{{SchemaUrns.User}}}","{{{EnterpriseUrn}}}"],"id":"2819c223","userName":"a","active":false,"emails":[{"value":"a@x"}],"{{{EnterpriseUrn}}}":{"employeeNumber":"42"}}
            """, resource.ToString());
    }

    [Theory]
    [InlineData("""{"id":"1","userName":"a","active":"maybe"}""", "active")]
    [InlineData("""{"id":"1","displayName":"no userName"}""", "userName")]
    public void Validate_InvalidStoredResource_ThrowsAndLeavesItUntouched(string json, string path)
    {
        var resource = new ScimResource(User, Parse(json));
        var before = resource.ToString();

        var error = Rejected(() => Validator.Validate(resource));

        AssertError(error, ScimErrorType.InvalidValue, path);
        Assert.Equal(before, resource.ToString());
    }

    [Theory]
    [InlineData("""{"userName":"a","name":{"givenName":"b","nope":"x"}}""", "name.nope: not an attribute of 'name'")]
    [InlineData("""{"userName":"a","emails":[{"value":"a@x"},{"value":"b@x","nope":1}]}""", "emails[1].nope: not an attribute of 'emails[1]'")]
    [InlineData("""{"userName":"a","nope":1}""", "nope: not an attribute of the User resource type")]
    [InlineData("""{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"nope":1}}""",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nope: not an attribute of the extension 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'")]
    [InlineData("""{"userName":"a","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":{}}}}""",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value: expected a string, found an object")]
    [InlineData("""{"userName":"a","emails":[{"value":"a@x"},{"value":"b@x","primary":"maybe"}]}""", "emails[1].primary: expected a boolean, found the string \"maybe\"")]
    [InlineData("""{"userName":"a","emails":[{"value":"a@x","primary":true},{"value":"b@x","primary":true}]}""",
        "emails: at most one value may have primary set to true (RFC 7643 §2.4), found emails[0] and emails[1]")]
    [InlineData("""{"userName":"","name":{"givenName":"b"}}""", "userName: the attribute is required and has no value")]
    [InlineData("""{"userName":"a","x509Certificates":[{"value":"not base64!"}]}""", "x509Certificates[0].value: expected base64-encoded binary, found the string \"not base64!\"")]
    public void ValidateForCreate_ErrorDetail_NamesTheFullPath(string json, string detail)
    {
        var strict = new SchemaValidator(Rfc, new SchemaValidatorOptions { UnknownAttributes = UnknownAttributePolicy.Reject });

        var error = Rejected(() => strict.ValidateForCreate(User, Parse(json)));

        Assert.Equal(detail, error.Detail);
    }

    [Fact]
    public void ValidateForCreate_UnregisteredResourceType_IsAnArgumentException()
    {
        var stranger = new ResourceType("Stranger", "/Strangers", "urn:test:Stranger");

        Assert.Throws<ArgumentException>(() => Validator.ValidateForCreate(stranger, Parse("{}")));
    }
}
