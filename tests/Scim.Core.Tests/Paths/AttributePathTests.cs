using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using static Scim.Core.Tests.Filtering.FilterTrees;

namespace Scim.Core.Tests.Paths;

public class AttributePathTests
{
    /// <summary>Every PATCH path of RFC 7644 §3.5.2 (Figure 8 and the operation examples) with its parts.</summary>
    public static TheoryData<string, AttributePath> RfcPatchPaths => new()
    {
        { "members", P("members") },
        { "name.familyName", P("name", "familyName") },
        { "addresses[type eq \"work\"]", new AttributePath(null, "addresses", Eq("type", "work")) },
        { "members[value eq \"2819c223-7f76-453a-919d-413861904646\"]", new AttributePath(null, "members", Eq("value", "2819c223-7f76-453a-919d-413861904646")) },
        {
            "members[value eq \"2819c223-7f76-453a-919d-413861904646\"].displayName",
            new AttributePath(null, "members", Eq("value", "2819c223-7f76-453a-919d-413861904646"), "displayName")
        },
        {
            "emails[type eq \"work\" and value ew \"example.com\"]",
            new AttributePath(null, "emails", And(Eq("type", "work"), Cmp(P("value"), ComparisonOperator.EndsWith, "example.com")))
        },
        { "addresses[type eq \"work\"].streetAddress", new AttributePath(null, "addresses", Eq("type", "work"), "streetAddress") },
    };

    [Theory]
    [MemberData(nameof(RfcPatchPaths))]
    public void Parse_RfcPatchPath_BuildsExpectedPath(string text, AttributePath expected)
    {
        var path = AttributePath.Parse(text);

        Assert.Equal(expected, path);
        Assert.Equal(text, path.ToString());
    }

    /// <summary>Paths Entra ID sends (../shared/reference/entra-provisioning.md).</summary>
    public static TheoryData<string, AttributePath> EntraPatchPaths => new()
    {
        { "emails[type eq \"work\"].value", new AttributePath(null, "emails", Eq("type", "work"), "value") },
        { "addresses[type eq \"work\"].country", new AttributePath(null, "addresses", Eq("type", "work"), "country") },
        { "phoneNumbers[type eq \"mobile\"].value", new AttributePath(null, "phoneNumbers", Eq("type", "mobile"), "value") },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", P("employeeNumber", urn: EnterpriseUrn) },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", P("manager", urn: EnterpriseUrn) },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", P("manager", "value", EnterpriseUrn) },
        { "urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq \"work\"].value", new AttributePath(UserUrn, "emails", Eq("type", "work"), "value") },
        { "active", P("active") },
        { "members[value eq \"2819c223\"]", new AttributePath(null, "members", Eq("value", "2819c223")) },
    };

    [Theory]
    [MemberData(nameof(EntraPatchPaths))]
    public void Parse_EntraPatchPath_BuildsExpectedPath(string text, AttributePath expected)
    {
        Assert.Equal(expected, AttributePath.Parse(text));
    }

    [Fact]
    public void Parse_NamesInAnyCase_AreEqualAndKeepTheirSpelling()
    {
        var lower = AttributePath.Parse("emails[type eq \"work\"].value");
        var upper = AttributePath.Parse("EMAILS[TYPE EQ \"work\"].VALUE");

        Assert.Equal(lower, upper);
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
        Assert.Equal("EMAILS[TYPE eq \"work\"].VALUE", upper.ToString());
    }

    public static TheoryData<string, int, string> InvalidPaths => new()
    {
        { "members[", 9, "expected an attribute path, '(' or 'not'" },
        { "members[value eq \"a\"", 21, "expected ']'" },
        { "members[value eq \"a\"].", 22, "a sub-attribute name is expected after '.'" },
        { "members.value.x", 1, "at most one sub-attribute" },
        { "members[value eq \"a\"]x", 22, "expected the end of the path, found 'x'" },
        { "members eq \"a\"", 9, "expected the end of the path, found 'eq'" },
        { "name.givenName[value eq \"a\"]", 15, "not to a sub-attribute" },
        { "members[value eq \"a\"].display[x eq \"b\"]", 30, "not to a sub-attribute" },
        { "members[value[x eq \"a\"]]", 14, "cannot be nested" },
        { "members[]", 9, "found ']'" },
        { "[value eq \"a\"]", 1, "expected an attribute path" },
        { "\"members\"", 1, "expected an attribute path, found a string" },
        { "urn:ietf:params:scim:schemas:core:2.0:User:", 1, "an attribute name is expected after the schema URN" },
        { "members/value", 8, "Unexpected character '/'" },
    };

    [Theory]
    [MemberData(nameof(InvalidPaths))]
    public void Parse_InvalidPath_ThrowsInvalidPathNamingPositionAndReason(string text, int position, string reason)
    {
        var exception = Assert.Throws<ScimException>(() => AttributePath.Parse(text));

        Assert.Equal(400, exception.Status);
        Assert.Equal(ScimErrorType.InvalidPath, exception.ScimType);
        Assert.Contains($"at position {position}:", exception.Detail, StringComparison.Ordinal);
        Assert.Contains(reason, exception.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void TryParse_EmptyPath_IsInvalidPath(string? text)
    {
        Assert.False(AttributePath.TryParse(text, out var path, out var error));

        Assert.Null(path);
        Assert.Equal(ScimErrorType.InvalidPath, error.ScimType);
        Assert.Equal("The path is empty.", error.Detail);
    }

    [Fact]
    public void Constructor_EmptyName_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new AttributePath(""));
    }
}
