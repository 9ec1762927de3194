using System.Text.Json.Nodes;
using Scim.Core.Paths;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Schema;

public class BuiltInSchemasTests
{
    private static readonly string[] Names = ["User", "Group", "EnterpriseUser", "ServiceProviderConfig", "ResourceType", "Schema"];

    public static TheoryData<string> Documents => new(Names);

    [Theory]
    [MemberData(nameof(Documents))]
    public void WriteSchema_EmbeddedRfcDocument_WritesTheRfcDocumentBack(string document)
    {
        var rfc = BuiltInSchemas.LoadJson(document);

        var json = SchemaJson.WriteSchema(SchemaJson.ReadSchema(rfc), (string?)rfc["meta"]?["location"]);

        var expected = WithCharacteristicsSpelledOut(rfc);
        Assert.True(JsonNode.DeepEquals(expected, json), $"expected {expected.ToJsonString()}{Environment.NewLine}actual   {json.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Property_EachBuiltInSchema_IsTheEmbeddedRfcDocument(string document)
    {
        var fromDocument = SchemaJson.WriteSchema(SchemaJson.ReadSchema(BuiltInSchemas.LoadJson(document)));

        Assert.True(JsonNode.DeepEquals(fromDocument, SchemaJson.WriteSchema(ByName(document))));
    }

    [Theory]
    [InlineData("User", "urn:ietf:params:scim:schemas:core:2.0:User", "User", "User Account", 21)]
    [InlineData("Group", "urn:ietf:params:scim:schemas:core:2.0:Group", "Group", "Group", 2)]
    [InlineData("EnterpriseUser", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "EnterpriseUser", "Enterprise User", 6)]
    [InlineData("ServiceProviderConfig", "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", "Service Provider Configuration", "Schema for representing the service provider's configuration", 7)]
    [InlineData("ResourceType", "urn:ietf:params:scim:schemas:core:2.0:ResourceType", "ResourceType", "Specifies the schema that describes a SCIM resource type", 6)]
    [InlineData("Schema", "urn:ietf:params:scim:schemas:core:2.0:Schema", "Schema", "Specifies the schema that describes a SCIM schema", 4)]
    public void Property_EachBuiltInSchema_HasTheRfcIdNameDescriptionAndAttributeCount(string document, string id, string name, string description, int attributes)
    {
        var schema = ByName(document);

        Assert.Equal(id, schema.Id);
        Assert.Equal(name, schema.Name);
        Assert.Equal(description, schema.Description);
        Assert.Equal(attributes, schema.Attributes.Length);
    }

    [Theory]
    // RFC 7643 §4.1.1 and §8.7.1.
    [InlineData("User", "userName", "required", "true")]
    [InlineData("User", "userName", "uniqueness", "server")]
    [InlineData("User", "userName", "caseExact", "false")]
    [InlineData("User", "userName", "type", "string")]
    [InlineData("User", "name", "type", "complex")]
    [InlineData("User", "name.formatted", "multiValued", "false")]
    [InlineData("User", "profileUrl", "type", "reference")]
    [InlineData("User", "profileUrl", "referenceTypes", "external")]
    [InlineData("User", "active", "type", "boolean")]
    [InlineData("User", "password", "mutability", "writeOnly")]
    [InlineData("User", "password", "returned", "never")]
    [InlineData("User", "emails", "multiValued", "true")]
    [InlineData("User", "emails", "type", "complex")]
    [InlineData("User", "emails.type", "canonicalValues", "work,home,other")]
    [InlineData("User", "emails.primary", "type", "boolean")]
    [InlineData("User", "phoneNumbers.type", "canonicalValues", "work,home,mobile,fax,pager,other")]
    [InlineData("User", "ims.type", "canonicalValues", "aim,gtalk,icq,xmpp,msn,skype,qq,yahoo")]
    [InlineData("User", "photos.value", "referenceTypes", "external")]
    [InlineData("User", "photos.type", "canonicalValues", "photo,thumbnail")]
    [InlineData("User", "addresses.type", "canonicalValues", "work,home,other")]
    [InlineData("User", "groups", "mutability", "readOnly")]
    [InlineData("User", "groups.value", "mutability", "readOnly")]
    [InlineData("User", "groups.$ref", "referenceTypes", "User,Group")]
    [InlineData("User", "groups.type", "canonicalValues", "direct,indirect")]
    [InlineData("User", "roles.type", "canonicalValues", "")]
    [InlineData("User", "x509Certificates.value", "type", "binary")]
    // RFC 7643 §4.2.
    [InlineData("Group", "displayName", "required", "false")]
    [InlineData("Group", "members", "multiValued", "true")]
    [InlineData("Group", "members.value", "mutability", "immutable")]
    [InlineData("Group", "members.$ref", "type", "reference")]
    [InlineData("Group", "members.$ref", "referenceTypes", "User,Group")]
    [InlineData("Group", "members.$ref", "mutability", "immutable")]
    [InlineData("Group", "members.type", "canonicalValues", "User,Group")]
    // RFC 7643 §4.3.
    [InlineData("EnterpriseUser", "employeeNumber", "type", "string")]
    [InlineData("EnterpriseUser", "manager", "type", "complex")]
    [InlineData("EnterpriseUser", "manager", "multiValued", "false")]
    [InlineData("EnterpriseUser", "manager.value", "mutability", "readWrite")]
    [InlineData("EnterpriseUser", "manager.$ref", "referenceTypes", "User")]
    [InlineData("EnterpriseUser", "manager.displayName", "mutability", "readOnly")]
    // RFC 7643 §8.7.2.
    [InlineData("ServiceProviderConfig", "documentationUri", "referenceTypes", "external")]
    [InlineData("ServiceProviderConfig", "patch.supported", "required", "true")]
    [InlineData("ServiceProviderConfig", "bulk.maxOperations", "type", "integer")]
    [InlineData("ServiceProviderConfig", "authenticationSchemes", "multiValued", "true")]
    [InlineData("ServiceProviderConfig", "authenticationSchemes", "mutability", "readOnly")]
    [InlineData("ResourceType", "endpoint", "referenceTypes", "uri")]
    [InlineData("ResourceType", "schema", "caseExact", "true")]
    [InlineData("ResourceType", "schemaExtensions", "multiValued", "false")]
    [InlineData("ResourceType", "schemaExtensions.required", "type", "boolean")]
    [InlineData("Schema", "attributes", "multiValued", "true")]
    [InlineData("Schema", "attributes.type", "canonicalValues", "string,complex,boolean,decimal,integer,dateTime,reference")]
    [InlineData("Schema", "attributes.mutability", "canonicalValues", "readOnly,readWrite,immutable,writeOnly")]
    [InlineData("Schema", "attributes.subAttributes", "type", "complex")]
    public void Property_RfcCharacteristic_IsAsTheRfcStatesIt(string document, string path, string characteristic, string expected)
    {
        var attribute = Find(ByName(document), path);

        Assert.Equal(expected, Characteristic(attribute, characteristic));
    }

    [Theory]
    [InlineData("User", "name", "formatted,familyName,givenName,middleName,honorificPrefix,honorificSuffix")]
    [InlineData("User", "emails", "value,display,type,primary")]
    [InlineData("User", "addresses", "formatted,streetAddress,locality,region,postalCode,country,type")]
    [InlineData("User", "groups", "value,$ref,display,type")]
    [InlineData("Group", "members", "value,$ref,type")]
    [InlineData("EnterpriseUser", "manager", "value,$ref,displayName")]
    [InlineData("ServiceProviderConfig", "bulk", "supported,maxOperations,maxPayloadSize")]
    [InlineData("ServiceProviderConfig", "authenticationSchemes", "name,description,specUri,documentationUri")]
    [InlineData("ResourceType", "schemaExtensions", "schema,required")]
    public void Property_ComplexAttribute_HasTheRfcSubAttributesInOrder(string document, string attribute, string expected)
    {
        var subAttributes = Find(ByName(document), attribute).SubAttributes.Select(a => a.Name);

        Assert.Equal(expected, string.Join(',', subAttributes));
    }

    [Fact]
    public void Property_NoBuiltInAttribute_HasStrictCanonicalValues()
    {
        var all = Names.Select(ByName).SelectMany(s => s.Attributes).SelectMany(a => a.SubAttributes.Prepend(a));

        Assert.DoesNotContain(all, a => a.CanonicalValuesAreStrict);
    }

    [Theory]
    [InlineData("userName", "userName")]
    [InlineData("emails.type", "type")]
    [InlineData("groups.$ref", "$ref")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName", "displayName")]
    public void SchemaRegistry_DefaultWithRfcSchemas_ResolvesRfcAttributes(string path, string expected)
    {
        var registry = SchemaRegistry.CreateDefault();

        var found = registry.TryResolve(registry.FindResourceType("User")!, AttributePath.Parse(path), out var resolved, out var problem);

        Assert.True(found, problem);
        Assert.Equal(expected, resolved!.Target.Name);
    }

    private static ScimSchema ByName(string document) => document switch
    {
        "User" => BuiltInSchemas.User,
        "Group" => BuiltInSchemas.Group,
        "EnterpriseUser" => BuiltInSchemas.EnterpriseUser,
        "ServiceProviderConfig" => BuiltInSchemas.ServiceProviderConfig,
        "ResourceType" => BuiltInSchemas.ResourceType,
        "Schema" => BuiltInSchemas.Schema,
        _ => throw new ArgumentOutOfRangeException(nameof(document), document, null),
    };

    private static SchemaAttribute Find(ScimSchema schema, string path)
    {
        var names = path.Split('.');
        var attribute = schema.FindAttribute(names[0]) ?? throw new InvalidOperationException($"{schema.Name} has no '{names[0]}'");
        return names.Length == 1 ? attribute
            : attribute.FindSubAttribute(names[1]) ?? throw new InvalidOperationException($"{path} is not in {schema.Name}");
    }

    private static string Characteristic(SchemaAttribute attribute, string name) => name switch
    {
        "type" => SchemaJsonTests.Wire(attribute.Type),
        "multiValued" => attribute.MultiValued ? "true" : "false",
        "required" => attribute.Required ? "true" : "false",
        "caseExact" => attribute.CaseExact ? "true" : "false",
        "mutability" => SchemaJsonTests.Wire(attribute.Mutability),
        "returned" => SchemaJsonTests.Wire(attribute.Returned),
        "uniqueness" => SchemaJsonTests.Wire(attribute.Uniqueness),
        "canonicalValues" => string.Join(',', attribute.CanonicalValues),
        "referenceTypes" => string.Join(',', attribute.ReferenceTypes),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    // The RFC leaves characteristics out here and there (boolean attributes have no caseExact or uniqueness, most
    // multi-valued complex ones no uniqueness, the §8.7.2 schemas no meta) and writes "canonicalValues": [] twice.
    // WriteSchema states every characteristic and leaves out empty lists, so what it must give back is the RFC's
    // document with the RFC 7643 §2.2 defaults written in, and the "schemas" attribute every resource has (§3).
    private static JsonObject WithCharacteristicsSpelledOut(JsonObject rfc)
    {
        var expected = rfc.DeepClone().AsObject();
        expected["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema");
        foreach (var attribute in expected["attributes"]!.AsArray())
        {
            SpellOut(attribute!.AsObject());
        }

        return expected;
    }

    private static void SpellOut(JsonObject attribute)
    {
        foreach (var (name, value) in new (string, JsonNode)[]
        {
            ("type", "string"), ("multiValued", false), ("required", false), ("caseExact", false),
            ("mutability", "readWrite"), ("returned", "default"), ("uniqueness", "none"),
        })
        {
            if (!attribute.ContainsKey(name))
            {
                attribute[name] = value;
            }
        }

        if (attribute["canonicalValues"] is JsonArray { Count: 0 })
        {
            attribute.Remove("canonicalValues");
        }

        foreach (var sub in attribute["subAttributes"]?.AsArray() ?? [])
        {
            SpellOut(sub!.AsObject());
        }
    }
}
