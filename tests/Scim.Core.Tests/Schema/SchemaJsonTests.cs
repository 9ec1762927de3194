using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Schema;

public class SchemaJsonTests
{
    private const string UserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string EnterpriseUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    // RFC 7643 §8.6, the two resource types as the RFC shows them.
    private const string RfcUserResourceType = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
          "id": "User",
          "name": "User",
          "endpoint": "/Users",
          "description": "User Account",
          "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
          "schemaExtensions": [
            {
              "schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
              "required": true
            }
          ],
          "meta": {
            "location": "https://example.com/v2/ResourceTypes/User",
            "resourceType": "ResourceType"
          }
        }
        """;

    private const string RfcGroupResourceType = """
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
          "id": "Group",
          "name": "Group",
          "endpoint": "/Groups",
          "description": "Group",
          "schema": "urn:ietf:params:scim:schemas:core:2.0:Group",
          "meta": {
            "location": "https://example.com/v2/ResourceTypes/Group",
            "resourceType": "ResourceType"
          }
        }
        """;

    [Fact]
    public void ReadSchema_AbsentCharacteristics_TakeTheRfcDefaults()
    {
        // RFC 7643 §2.2: string, optional, no canonical values, not case-exact, readWrite, returned by default, not unique.
        var schema = SchemaJson.ReadSchema(Object("{'id':'urn:example:2.0:Badge','attributes':[{'name':'code'}]}"));

        var code = Assert.Single(schema.Attributes);
        Assert.Equal("code", code.Name);
        Assert.Equal(AttributeType.String, code.Type);
        Assert.False(code.MultiValued);
        Assert.False(code.Required);
        Assert.False(code.CaseExact);
        Assert.Empty(code.CanonicalValues);
        Assert.False(code.CanonicalValuesAreStrict);
        Assert.Equal(Mutability.ReadWrite, code.Mutability);
        Assert.Equal(Returned.Default, code.Returned);
        Assert.Equal(Uniqueness.None, code.Uniqueness);
        Assert.Empty(code.ReferenceTypes);
        Assert.Empty(code.SubAttributes);
        Assert.Null(code.Description);
        Assert.Null(schema.Name);
        Assert.Null(schema.Description);
    }

    [Fact]
    public void ReadSchema_NullCharacteristics_TakeTheRfcDefaults()
    {
        // RFC 7643 §2.5: null is the same as unassigned.
        var schema = SchemaJson.ReadSchema(Object("""
            {'id':'urn:example:2.0:Badge','name':null,'attributes':[{'name':'code','type':null,'required':null,
             'mutability':null,'canonicalValues':null,'description':null,'subAttributes':null}]}
            """));

        var code = Assert.Single(schema.Attributes);
        Assert.Equal(AttributeType.String, code.Type);
        Assert.False(code.Required);
        Assert.Equal(Mutability.ReadWrite, code.Mutability);
        Assert.Empty(code.CanonicalValues);
        Assert.Null(code.Description);
    }

    [Fact]
    public void ReadSchema_UnknownCharacteristicsSchemasAndMeta_AreIgnored()
    {
        var schema = SchemaJson.ReadSchema(Object("""
            {'schemas':['urn:ietf:params:scim:schemas:core:2.0:Schema'],'id':'urn:example:2.0:Badge','x-vendor':1,
             'attributes':[{'name':'code','x-max-length':20}],'meta':{'resourceType':'Schema'}}
            """));

        Assert.Equal("code", Assert.Single(schema.Attributes).Name);
    }

    [Theory]
    [InlineData("string", AttributeType.String)]
    [InlineData("STRING", AttributeType.String)]
    [InlineData("boolean", AttributeType.Boolean)]
    [InlineData("Boolean", AttributeType.Boolean)]
    [InlineData("decimal", AttributeType.Decimal)]
    [InlineData("integer", AttributeType.Integer)]
    [InlineData("dateTime", AttributeType.DateTime)]
    [InlineData("datetime", AttributeType.DateTime)]
    [InlineData("DATETIME", AttributeType.DateTime)]
    [InlineData("binary", AttributeType.Binary)]
    [InlineData("reference", AttributeType.Reference)]
    [InlineData("Reference", AttributeType.Reference)]
    [InlineData("complex", AttributeType.Complex)]
    public void ReadSchema_TypeInAnyCase_IsRead(string text, AttributeType expected)
    {
        var schema = SchemaJson.ReadSchema(Object($"{{'id':'urn:x','attributes':[{{'name':'a','type':'{text}'}}]}}"));

        Assert.Equal(expected, schema.Attributes[0].Type);
    }

    [Theory]
    [InlineData("readOnly", "always", "server", Mutability.ReadOnly, Returned.Always, Uniqueness.Server)]
    [InlineData("READONLY", "ALWAYS", "SERVER", Mutability.ReadOnly, Returned.Always, Uniqueness.Server)]
    [InlineData("readwrite", "never", "global", Mutability.ReadWrite, Returned.Never, Uniqueness.Global)]
    [InlineData("Immutable", "Default", "None", Mutability.Immutable, Returned.Default, Uniqueness.None)]
    [InlineData("writeOnly", "request", "none", Mutability.WriteOnly, Returned.Request, Uniqueness.None)]
    public void ReadSchema_KeywordsInAnyCase_AreRead(string mutability, string returned, string uniqueness, Mutability m, Returned r, Uniqueness u)
    {
        var schema = SchemaJson.ReadSchema(Object(
            $"{{'id':'urn:x','attributes':[{{'name':'a','mutability':'{mutability}','returned':'{returned}','uniqueness':'{uniqueness}'}}]}}"));

        var attribute = schema.Attributes[0];
        Assert.Equal(m, attribute.Mutability);
        Assert.Equal(r, attribute.Returned);
        Assert.Equal(u, attribute.Uniqueness);
    }

    [Fact]
    public void ReadSchema_CharacteristicNamesInAnyCase_AreRead()
    {
        var schema = SchemaJson.ReadSchema(Object("""
            {'ID':'urn:example:2.0:Badge','Name':'Badge','DESCRIPTION':'A badge','Attributes':[
              {'NAME':'holders','Type':'complex','MULTIVALUED':true,'Required':true,'Mutability':'readOnly',
               'SubAttributes':[{'name':'value','CASEEXACT':true,'Uniqueness':'server','CanonicalValues':['a','b']},
                                {'name':'$ref','type':'reference','ReferenceTypes':['User']}]}]}
            """));

        Assert.Equal("urn:example:2.0:Badge", schema.Id);
        Assert.Equal("Badge", schema.Name);
        Assert.Equal("A badge", schema.Description);
        var holders = Assert.Single(schema.Attributes);
        Assert.Equal(AttributeType.Complex, holders.Type);
        Assert.True(holders.MultiValued);
        Assert.True(holders.Required);
        Assert.Equal(Mutability.ReadOnly, holders.Mutability);
        Assert.True(holders.SubAttributes[0].CaseExact);
        Assert.Equal(Uniqueness.Server, holders.SubAttributes[0].Uniqueness);
        Assert.Equal(["a", "b"], holders.SubAttributes[0].CanonicalValues.ToArray());
        Assert.Equal(["User"], holders.SubAttributes[1].ReferenceTypes.ToArray());
    }

    [Theory]
    [InlineData("{'attributes':[]}", "'id' must be a non-empty string")]
    [InlineData("{'id':'','attributes':[]}", "'id' must be a non-empty string")]
    [InlineData("{'id':7,'attributes':[]}", "'id' must be a string")]
    [InlineData("{'id':'urn:x'}", "'attributes' is required")]
    [InlineData("{'id':'urn:x','attributes':{}}", "attributes: must be an array of attribute objects")]
    [InlineData("{'id':'urn:x','attributes':['userName']}", "attributes[0]: must be an object")]
    [InlineData("{'id':'urn:x','attributes':[{'type':'string'}]}", "attributes[0]: 'name' is required")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'user name'}]}", "attributes[0]: 'user name' is not a valid attribute name (RFC 7643 §2.1)")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'a'},{'name':'2fa'}]}", "attributes[1]: '2fa' is not a valid attribute name (RFC 7643 §2.1)")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName'},{'name':'USERNAME'}]}", "attributes[1] (USERNAME): repeats attributes[0] (userName); attribute names are case-insensitive")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','type':'strng'}]}", "attributes[0] (userName): unknown type 'strng'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','type':'1'}]}", "attributes[0] (userName): unknown type '1'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','type':'string,complex'}]}", "attributes[0] (userName): unknown type 'string,complex'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','type':'string','TYPE':'integer'}]}", "attributes[0]: 'TYPE' is given twice (names are case-insensitive)")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'emails','multiValued':'yes'}]}", "attributes[0] (emails): 'multiValued' must be true or false")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','required':'true'}]}", "attributes[0] (userName): 'required' must be true or false")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','caseExact':1}]}", "attributes[0] (userName): 'caseExact' must be true or false")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','description':5}]}", "attributes[0] (userName): 'description' must be a string")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'id','mutability':'readonlyish'}]}", "attributes[0] (id): unknown mutability 'readonlyish'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'password','returned':'sometimes'}]}", "attributes[0] (password): unknown returned 'sometimes'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','uniqueness':'local'}]}", "attributes[0] (userName): unknown uniqueness 'local'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName','uniqueness':true}]}", "attributes[0] (userName): 'uniqueness' must be a string")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'type','canonicalValues':'work'}]}", "attributes[0] (type): 'canonicalValues' must be an array of strings")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'type','canonicalValues':['work',1]}]}", "attributes[0] (type): 'canonicalValues' must be an array of strings")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'manager','referenceTypes':['User']}]}", "attributes[0] (manager): only a reference attribute has 'referenceTypes', and this one is of type 'string'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'nickName','subAttributes':[{'name':'value'}]}]}", "attributes[0] (nickName): only a complex attribute has 'subAttributes', and this one is of type 'string'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'name','type':'complex','subAttributes':{}}]}", "attributes[0] (name).subAttributes: must be an array of attribute objects")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'name','type':'complex','subAttributes':[{'name':'parts','type':'complex','subAttributes':[{'name':'x','type':'strng'}]}]}]}", "attributes[0] (name).subAttributes[0] (parts).subAttributes[0] (x): unknown type 'strng'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'userName'},{'name':'emails','type':'complex','subAttributes':[{'name':'value','type':'strng'}]}]}", "attributes[1] (emails).subAttributes[0] (value): unknown type 'strng'")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'emails','type':'complex','subAttributes':[{'name':'value'},{'name':'Value'}]}]}", "attributes[0] (emails).subAttributes[1] (Value): repeats attributes[0] (emails).subAttributes[0] (value); attribute names are case-insensitive")]
    [InlineData("{'id':'urn:x','attributes':[{'name':'emails','type':'complex','subAttributes':[{'name':'primary','type':'boolean','required':'no'}]}]}", "attributes[0] (emails).subAttributes[0] (primary): 'required' must be true or false")]
    public void ReadSchema_MalformedDocument_ThrowsInvalidSyntaxNamingTheAttribute(string json, string detail)
    {
        var e = Assert.Throws<ScimException>(() => SchemaJson.ReadSchema(Object(json)));

        Assert.Equal(400, e.Status);
        Assert.Equal(ScimErrorType.InvalidSyntax, e.ScimType);
        Assert.Equal(detail, e.Detail);
    }

    [Fact]
    public void WriteSchema_AttributeWithDefaults_WritesEveryCharacteristicAndNoNull()
    {
        var schema = new ScimSchema("urn:example:2.0:Badge", null, [new SchemaAttribute("code")]);

        var json = SchemaJson.WriteSchema(schema);

        var expected = JsonNode.Parse("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],"id":"urn:example:2.0:Badge","attributes":[
              {"name":"code","type":"string","multiValued":false,"required":false,"caseExact":false,
               "mutability":"readWrite","returned":"default","uniqueness":"none"}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
        Assert.DoesNotContain("null", json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSchema_WithLocation_WritesSchemaMeta()
    {
        var json = SchemaJson.WriteSchema(BuiltInSchemas.Group, "https://example.com/v2/Schemas/" + BuiltInSchemas.Group.Id);

        var expected = JsonNode.Parse("""{"resourceType":"Schema","location":"https://example.com/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"}""");
        Assert.True(JsonNode.DeepEquals(expected, json["meta"]), json["meta"]?.ToJsonString());
        Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:Schema"], json["schemas"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void WriteSchema_WithoutLocation_WritesNoMeta()
    {
        Assert.False(SchemaJson.WriteSchema(BuiltInSchemas.Group).ContainsKey("meta"));
    }

    [Fact]
    public void WriteSchema_StrictCanonicalValues_AreNotAnRfcCharacteristicSoNotWritten()
    {
        var schema = new ScimSchema("urn:x", "X", [new SchemaAttribute("type") { CanonicalValues = ["work", "home"], CanonicalValuesAreStrict = true }]);

        var json = SchemaJson.WriteSchema(schema);
        var read = SchemaJson.ReadSchema(json);

        var attribute = json["attributes"]![0]!.AsObject();
        Assert.Equal(
            ["name", "type", "multiValued", "required", "caseExact", "canonicalValues", "mutability", "returned", "uniqueness"],
            attribute.Select(p => p.Key));
        Assert.Equal(["work", "home"], read.Attributes[0].CanonicalValues.ToArray());
        Assert.False(read.Attributes[0].CanonicalValuesAreStrict);
    }

    [Fact]
    public void ReadSchema_WrittenSchema_GivesTheSameSchemaBack()
    {
        var schema = new ScimSchema("urn:example:2.0:Device", "Device", [
            new SchemaAttribute("serial") { Required = true, CaseExact = true, Uniqueness = Uniqueness.Global, Mutability = Mutability.Immutable, Description = "Serial number." },
            new SchemaAttribute("enrolled", AttributeType.DateTime) { Mutability = Mutability.ReadOnly, Returned = Returned.Always },
            new SchemaAttribute("weight", AttributeType.Decimal) { Returned = Returned.Request },
            new SchemaAttribute("secret", AttributeType.Binary) { Mutability = Mutability.WriteOnly, Returned = Returned.Never },
            new SchemaAttribute("owners", AttributeType.Complex)
            {
                MultiValued = true,
                SubAttributes = [
                    new SchemaAttribute("value") { Mutability = Mutability.Immutable },
                    new SchemaAttribute("$ref", AttributeType.Reference) { ReferenceTypes = ["User", "Group"] },
                    new SchemaAttribute("type") { CanonicalValues = ["User", "Group"] },
                    new SchemaAttribute("count", AttributeType.Integer),
                    new SchemaAttribute("primary", AttributeType.Boolean),
                ],
            },
        ]) { Description = "A managed device" };

        var json = SchemaJson.WriteSchema(schema);
        var again = SchemaJson.WriteSchema(SchemaJson.ReadSchema(json));

        Assert.True(JsonNode.DeepEquals(json, again), again.ToJsonString());
        Assert.Equal("dateTime", (string?)json["attributes"]![1]!["type"]);
        Assert.Equal("writeOnly", (string?)json["attributes"]![3]!["mutability"]);
    }

    [Fact]
    public void WriteResourceType_UserWithEnterpriseExtension_IsTheRfcExample()
    {
        var user = new ResourceType("User", "/Users", UserUrn, [new SchemaExtension(EnterpriseUrn, Required: true)]) { Description = "User Account" };

        var json = SchemaJson.WriteResourceType(user, "https://example.com/v2/ResourceTypes/User");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RfcUserResourceType), json), json.ToJsonString());
    }

    [Theory]
    [InlineData(RfcUserResourceType)]
    [InlineData(RfcGroupResourceType)]
    public void WriteResourceType_ReadRfcExample_WritesTheRfcExampleBack(string rfc)
    {
        var expected = Object(rfc);

        var json = SchemaJson.WriteResourceType(SchemaJson.ReadResourceType(expected), (string?)expected["meta"]!["location"]);

        Assert.True(JsonNode.DeepEquals(expected, json), json.ToJsonString());
    }

    [Fact]
    public void ReadResourceType_RfcUserExample_ReadsEveryField()
    {
        var type = SchemaJson.ReadResourceType(Object(RfcUserResourceType));

        Assert.Equal("User", type.Id);
        Assert.Equal("User", type.Name);
        Assert.Equal("/Users", type.Endpoint);
        Assert.Equal("User Account", type.Description);
        Assert.Equal(UserUrn, type.Schema);
        Assert.Equal([new SchemaExtension(EnterpriseUrn, true)], type.SchemaExtensions.ToArray());
    }

    [Fact]
    public void ReadResourceType_WrittenResourceType_GivesTheSameResourceTypeBack()
    {
        var registry = SchemaRegistry.CreateDefault();

        foreach (var type in registry.ResourceTypes)
        {
            var read = SchemaJson.ReadResourceType(SchemaJson.WriteResourceType(type));

            Assert.Equal((type.Name, type.Endpoint, type.Description, type.Schema), (read.Name, read.Endpoint, read.Description, read.Schema));
            Assert.Equal(type.SchemaExtensions.ToArray(), read.SchemaExtensions.ToArray());
        }
    }

    [Fact]
    public void ReadResourceType_NamesInAnyCaseAndSingleExtensionObject_AreRead()
    {
        // RFC 7643 §8.7.2 declares schemaExtensions single-valued (erratum 7522), so a lone object is accepted too.
        var type = SchemaJson.ReadResourceType(Object($$"""
            {'NAME':'User','Endpoint':'Users','SCHEMA':'{{UserUrn}}','schemaextensions':{'Schema':'{{EnterpriseUrn}}','REQUIRED':false} }
            """));

        Assert.Equal("User", type.Name);
        Assert.Equal("/Users", type.Endpoint);
        Assert.Null(type.Description);
        Assert.Equal([new SchemaExtension(EnterpriseUrn, false)], type.SchemaExtensions.ToArray());
    }

    [Theory]
    [InlineData("{'endpoint':'/Users','schema':'urn:x'}", "'name' must be a non-empty string")]
    [InlineData("{'name':'User','schema':'urn:x'}", "'endpoint' must be a non-empty string")]
    [InlineData("{'name':'User','endpoint':'/Users'}", "'schema' must be a non-empty string")]
    [InlineData("{'name':'User','endpoint':'/Users','schema':['urn:x']}", "'schema' must be a string")]
    [InlineData("{'name':'User','endpoint':'/Users','schema':'urn:x','schemaExtensions':'urn:y'}", "schemaExtensions: must be an array of objects")]
    [InlineData("{'name':'User','endpoint':'/Users','schema':'urn:x','schemaExtensions':['urn:y']}", "schemaExtensions[0]: must be an object")]
    [InlineData("{'name':'User','endpoint':'/Users','schema':'urn:x','schemaExtensions':[{'required':true}]}", "schemaExtensions[0]: 'schema' must be a non-empty string")]
    [InlineData("{'name':'User','endpoint':'/Users','schema':'urn:x','schemaExtensions':[{'schema':'urn:y','required':'no'}]}", "schemaExtensions[0]: 'required' must be true or false")]
    public void ReadResourceType_MalformedDocument_ThrowsInvalidSyntaxNamingTheField(string json, string detail)
    {
        var e = Assert.Throws<ScimException>(() => SchemaJson.ReadResourceType(Object(json)));

        Assert.Equal(400, e.Status);
        Assert.Equal(ScimErrorType.InvalidSyntax, e.ScimType);
        Assert.Equal(detail, e.Detail);
    }

    internal static string Wire<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    // Test documents are written with single quotes so they fit in attributes; no test value contains one.
    private static JsonObject Object(string json) => JsonNode.Parse(json.Replace('\'', '"'))!.AsObject();
}
