using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Schema;

public class SchemaRegistryTests
{
    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();
    private static readonly ResourceType User = Registry.FindResourceType("User")!;

    public static TheoryData<string, string, string, string?, bool> Resolvable => new()
    {
        { "userName", SchemaUrns.User, "userName", null, false },
        { "USERNAME", SchemaUrns.User, "userName", null, false },
        { "name.familyName", SchemaUrns.User, "name", "familyName", false },
        { "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName", SchemaUrns.User, "name", "familyName", false },
        { "emails", SchemaUrns.User, "emails", null, false },
        { "id", CommonAttributes.SchemaId, "id", null, false },
        { "meta.lastModified", CommonAttributes.SchemaId, "meta", "lastModified", false },
        { "urn:ietf:params:scim:schemas:core:2.0:User:externalId", CommonAttributes.SchemaId, "externalId", null, false },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", SchemaUrns.EnterpriseUser, "employeeNumber", null, true },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", SchemaUrns.EnterpriseUser, "manager", "value", true },
        { "employeeNumber", SchemaUrns.EnterpriseUser, "employeeNumber", null, true },
        { "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:Department", SchemaUrns.EnterpriseUser, "department", null, true },
    };

    [Theory]
    [MemberData(nameof(Resolvable))]
    public void TryResolve_KnownPath_FindsSchemaAttributeAndSubAttribute(string path, string schema, string attribute, string? sub, bool isExtension)
    {
        Assert.True(Registry.TryResolve(User, AttributePath.Parse(path), out var resolved, out var problem), problem);

        Assert.Equal(schema, resolved.Schema.Id);
        Assert.Equal(attribute, resolved.Attribute.Name);
        Assert.Equal(sub, resolved.SubAttribute?.Name);
        Assert.Equal(isExtension, resolved.IsExtension);
    }

    [Theory]
    [InlineData("nickname2", "'nickname2' is not an attribute of the User resource type")]
    [InlineData("name.surname", "'surname' is not a sub-attribute of 'name'")]
    [InlineData("userName.first", "'userName' is not complex")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:Group:displayName", "is not a schema of the User resource type")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName", "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName' is not an attribute")]
    [InlineData("members", "'members' is not an attribute of the User resource type")]
    public void TryResolve_UnknownPath_SaysWhy(string path, string problem)
    {
        Assert.False(Registry.TryResolve(User, AttributePath.Parse(path), out _, out var actual));

        Assert.Contains(problem, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_NameDefinedByTwoExtensions_IsAmbiguousUnlessQualified()
    {
        var a = new ScimSchema("urn:example:a", "A", [new SchemaAttribute("badge")]);
        var b = new ScimSchema("urn:example:b", "B", [new SchemaAttribute("badge")]);
        var registry = SchemaRegistry.CreateDefault().AddSchema(a).AddSchema(b)
            .AddResourceType(new ResourceType("Worker", "/Workers", SchemaUrns.User, [new(a.Id, false), new(b.Id, false)]));
        var worker = registry.FindResourceType("worker")!;

        Assert.False(registry.TryResolve(worker, new AttributePath("badge"), out _, out var problem));
        Assert.Contains("qualify it with the schema URN", problem, StringComparison.Ordinal);
        Assert.True(registry.TryResolve(worker, AttributePath.Parse("urn:example:b:badge"), out var resolved, out _));
        Assert.Same(b, resolved.Schema);
    }

    [Fact]
    public void Lookups_AreCaseInsensitive()
    {
        Assert.Equal(SchemaUrns.User, Registry.FindSchema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER")?.Id);
        Assert.Same(User, Registry.FindResourceType("user"));
        Assert.Same(User, Registry.FindResourceTypeByEndpoint("/users"));
        Assert.Same(User, Registry.FindResourceTypeByEndpoint("Users"));
        Assert.Null(Registry.FindResourceTypeByEndpoint("/Widgets"));
    }

    [Fact]
    public void AddResourceType_WithUnregisteredSchema_IsRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() => new SchemaRegistry().AddResourceType(new ResourceType("User", "/Users", SchemaUrns.User)));

        Assert.Contains("is not registered", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSchema_Twice_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SchemaRegistry.CreateDefault().AddSchema(BuiltInSchemas.User));
    }

    [Fact]
    public void AddResourceType_SameEndpointTwice_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => SchemaRegistry.CreateDefault().AddResourceType(new ResourceType("People", "/users", SchemaUrns.User)));
    }

    [Fact]
    public void CreateDefault_GroupDisplayName_IsRequiredAsRfc7643Section42Says()
    {
        var group = Registry.FindResourceType("Group")!;
        var validator = new SchemaValidator(Registry);

        var exception = Assert.Throws<ScimException>(() => validator.ValidateForCreate(group, new JsonObject { ["members"] = new JsonArray() }));

        Assert.Equal(ScimErrorType.InvalidValue, exception.ScimType);
        Assert.Contains("displayName", exception.Detail, StringComparison.Ordinal);
        Assert.False(BuiltInSchemas.Group.FindAttribute("displayName")!.Required);
    }

    [Theory]
    [InlineData("Group", "members", "display", Mutability.Immutable)]
    [InlineData("User", "addresses", "primary", Mutability.ReadWrite)]
    public void CreateDefault_SubAttributesTheRfcExamplesUse_AreDefined(string type, string attribute, string sub, Mutability mutability)
    {
        Assert.True(Registry.TryResolve(Registry.FindResourceType(type)!, new AttributePath(null, attribute, null, sub), out var resolved, out var problem), problem);
        Assert.Equal(mutability, resolved.Target.Mutability);
    }
}
