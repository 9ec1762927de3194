using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Schema;

/// <summary>
/// Each client leniency of <see cref="SchemaValidatorOptions"/>: accepted by default, and the RFC's error under
/// <see cref="SchemaValidatorOptions.Strict"/> or with its own switch off (docs/compatibility.md).
/// </summary>
public class ValidatorCompatibilityTests
{
    private const string Enterprise = SchemaUrns.EnterpriseUser;

    private static readonly Lazy<SchemaRegistry> Registry = new(SchemaRegistry.CreateDefault);

    private static ResourceType User => Registry.Value.FindResourceType("User")!;

    /// <summary>(leniency, the client's body, the switch alone off, the attribute the strict error names, what the lenient result holds).</summary>
    public static TheoryData<string, string, string, string, string> Leniencies => new()
    {
        { "CoerceStringBooleans", """{"userName":"a","active":"false"}""", "CoerceStringBooleans", "active", "\"active\":false" },
        { "CoerceScalarTypes", """{"userName":"a","title":42}""", "CoerceScalarTypes", "title", "\"title\":\"42\"" },
        { "LenientArrays (single object)", """{"userName":"a","emails":{"value":"a@b.c","primary":true}}""", "LenientArrays", "emails", "\"emails\":[{\"value\":\"a@b.c\",\"primary\":true}]" },
        { "LenientArrays (one-element array)", """{"userName":"a","displayName":["A"]}""", "LenientArrays", "displayName", "\"displayName\":\"A\"" },
        { "WrapPlainValues", $$$$"""{"userName":"a","{{{{Enterprise}}}}":{"manager":"m-1"}}""", "WrapPlainValues", "manager", "\"manager\":{\"value\":\"m-1\"}" },
        { "ManagerIdAsValue", $$$$"""{"userName":"a","{{{{Enterprise}}}}":{"manager":{"managerId":"m-1","displayName":"Boss"}}}""", "ManagerIdAsValue", "managerId", "\"manager\":{\"value\":\"m-1\"}" },
        { "UnknownAttributes", """{"userName":"a","favouriteColour":"blue"}""", "UnknownAttributes", "favouriteColour", "\"userName\":\"a\"" },
        { "IgnoredSchemaUrns", $$$$"""{"schemas":["{{{{SchemaUrns.User}}}}","{{{{SchemaValidatorOptions.EntraGroupSchemaUrn}}}}"],"userName":"a"}""", "IgnoredSchemaUrns", SchemaValidatorOptions.EntraGroupSchemaUrn, "\"userName\":\"a\"" },
    };

    [Theory]
    [MemberData(nameof(Leniencies))]
    public void ValidateForCreate_ClientShapeByDefault_IsAccepted(string leniency, string body, string option, string named, string holds)
    {
        _ = (option, named);
        var resource = new SchemaValidator(Registry.Value).ValidateForCreate(User, Parse(body));

        Assert.True(resource.Json.ToJsonString().Contains(holds, StringComparison.Ordinal), $"{leniency}: {resource.Json.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Leniencies))]
    public void ValidateForCreate_ClientShapeStrict_IsTheRfcErrorNamingTheAttribute(string leniency, string body, string option, string named, string holds)
    {
        _ = (option, holds);
        var error = Assert.Throws<ScimException>(() => new SchemaValidator(Registry.Value, SchemaValidatorOptions.Strict).ValidateForCreate(User, Parse(body)));

        Assert.Equal(400, error.Status);
        Assert.True(error.Detail!.Contains(named, StringComparison.Ordinal), $"{leniency}: {error.Detail}");
    }

    [Theory]
    [MemberData(nameof(Leniencies))]
    public void ValidateForCreate_OnlyItsSwitchOff_IsTheRfcError(string leniency, string body, string option, string named, string holds)
    {
        _ = holds;
        var options = option switch
        {
            "CoerceStringBooleans" => new SchemaValidatorOptions { CoerceStringBooleans = false },
            "CoerceScalarTypes" => new SchemaValidatorOptions { CoerceScalarTypes = false },
            "LenientArrays" => new SchemaValidatorOptions { LenientArrays = false },
            "WrapPlainValues" => new SchemaValidatorOptions { WrapPlainValues = false },
            // Off, managerId is an unknown sub-attribute, which is an error only when unknown attributes are.
            "ManagerIdAsValue" => new SchemaValidatorOptions { ManagerIdAsValue = false, UnknownAttributes = UnknownAttributePolicy.Reject },
            "UnknownAttributes" => new SchemaValidatorOptions { UnknownAttributes = UnknownAttributePolicy.Reject },
            _ => new SchemaValidatorOptions { IgnoredSchemaUrns = [] },
        };

        var error = Assert.Throws<ScimException>(() => new SchemaValidator(Registry.Value, options).ValidateForCreate(User, Parse(body)));

        Assert.True(error.Detail!.Contains(named, StringComparison.Ordinal), $"{leniency}: {error.Detail}");
    }

    [Theory]
    [InlineData("""{"userName":"a","active":"maybe"}""", "active")]
    [InlineData("""{"userName":"a","emails":[["a@b.c"]]}""", "emails[0]")]
    [InlineData("""{"userName":"a","emails":"a@b.c","name":"Ann"}""", "name")]
    [InlineData("{\"userName\":\"a\",\"" + Enterprise + "\":{\"manager\":{\"managerId\":{\"id\":\"m-1\"}}}}", "managerId")]
    [InlineData("{\"userName\":\"a\",\"" + Enterprise + "\":{\"manager\":{\"managerId\":\"m-1\",\"value\":\"m-2\"}}}", "manager")]
    [InlineData("""{"userName":"a","displayName":["A","B"]}""", "displayName")]
    public void ValidateForCreate_NoKnownClientShape_IsAnErrorNamingTheAttribute(string body, string named)
    {
        var error = Assert.Throws<ScimException>(() => new SchemaValidator(Registry.Value).ValidateForCreate(User, Parse(body)));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains(named, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_KeepsTheLimits()
    {
        var options = new SchemaValidatorOptions { MaxStringLength = 5, KeepWriteOnlyValues = true }.AsStrict();

        Assert.Equal(5, options.MaxStringLength);
        Assert.True(options.KeepWriteOnlyValues);
        Assert.False(options.LenientArrays);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
