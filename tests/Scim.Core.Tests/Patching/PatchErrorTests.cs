using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Paths;
using Scim.Core.Resources;
using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Patching;

/// <summary>
/// Operations that cannot be applied: each is a 400 with the RFC 7644 §3.12 <c>scimType</c>, a detail that names the
/// operation, and the resource untouched. Every row puts a valid operation first, so atomicity is checked each time.
/// </summary>
public class PatchErrorTests
{
    private const string ValidUserFirst = """{"op":"replace","path":"nickName","value":"Babs"}""";
    private const string ValidGroupFirst = """{"op":"replace","path":"displayName","value":"Guides"}""";

    public static TheoryData<string, string, ScimErrorType, string> UserErrors => new()
    {
        // noTarget
        { "remove with no path", """{"op":"remove"}""", ScimErrorType.NoTarget, "(remove with no path): remove needs a \"path\"" },
        { "replace through a filter that matches nothing", """{"op":"replace","path":"emails[type eq \"pager\"].value","value":"x"}""", ScimErrorType.NoTarget, "(replace emails[type eq \"pager\"].value): no value of 'emails' matches [type eq \"pager\"]" },
        { "replace of a whole value that no filter matches", """{"op":"replace","path":"emails[type eq \"pager\"]","value":{"value":"x"}}""", ScimErrorType.NoTarget, "no value of 'emails' matches" },
        { "add through a filter that is not eq/and and matches nothing", """{"op":"add","path":"emails[value co \"zzz\"].display","value":"x"}""", ScimErrorType.NoTarget, "a new one can only be made from 'eq' comparisons joined by 'and'" },

        // mutability
        { "remove of a required attribute", """{"op":"remove","path":"userName"}""", ScimErrorType.Mutability, "(remove userName): 'userName' is required" },
        { "replace of a required attribute with null", """{"op":"replace","path":"userName","value":null}""", ScimErrorType.Mutability, "'userName' is required" },
        { "remove of schemas", """{"op":"remove","path":"schemas"}""", ScimErrorType.Mutability, "'schemas' is required" },
        { "replace of id", """{"op":"replace","path":"id","value":"other"}""", ScimErrorType.Mutability, "(replace id): 'id' is readOnly" },
        { "remove of id", """{"op":"remove","path":"id"}""", ScimErrorType.Mutability, "'id' is readOnly" },
        { "replace of meta", """{"op":"replace","path":"meta","value":{"version":"W/\"1\""}}""", ScimErrorType.Mutability, "'meta' is readOnly" },
        { "replace of a meta sub-attribute", """{"op":"replace","path":"meta.lastModified","value":"2020-01-01T00:00:00Z"}""", ScimErrorType.Mutability, "'meta' is readOnly" },
        { "add to the readOnly groups", """{"op":"add","path":"groups","value":[{"value":"e9e30dba"}]}""", ScimErrorType.Mutability, "'groups' is readOnly" },
        { "replace of the readOnly manager.displayName", """{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName","value":"Bob"}""", ScimErrorType.Mutability, "'manager.displayName' is readOnly" },
        { "a changed id in a no-path value", """{"op":"replace","value":{"id":"other","displayName":"B"}}""", ScimErrorType.Mutability, "(replace with no path, attribute 'id'): 'id' is readOnly" },

        // invalidPath
        { "an unknown attribute", """{"op":"add","path":"nickname2","value":"x"}""", ScimErrorType.InvalidPath, "(add nickname2): 'nickname2' is not an attribute of the User resource type" },
        { "an unknown sub-attribute", """{"op":"replace","path":"name.surname","value":"x"}""", ScimErrorType.InvalidPath, "'surname' is not a sub-attribute of 'name'" },
        { "a schema the resource type does not have", """{"op":"add","path":"urn:example:other:2.0:User:x","value":"x"}""", ScimErrorType.InvalidPath, "'urn:example:other:2.0:User' is not a schema of the User resource type" },
        { "a value filter on a single-valued attribute", """{"op":"replace","path":"name[givenName eq \"Barbara\"].familyName","value":"x"}""", ScimErrorType.InvalidPath, "'name' is not a multi-valued complex attribute" },
        { "a value filter naming an unknown sub-attribute", """{"op":"replace","path":"emails[kind eq \"work\"].value","value":"x"}""", ScimErrorType.InvalidPath, "'kind' in the value filter is not a sub-attribute of 'emails'" },
        { "a sub-attribute of a multi-valued attribute without filter", """{"op":"replace","path":"emails.value","value":"x"}""", ScimErrorType.InvalidPath, "select the values with a filter" },
        { "an unknown key in a no-path value", """{"op":"replace","value":{"nickname2":"x"}}""", ScimErrorType.InvalidPath, "(replace with no path, attribute 'nickname2'): 'nickname2' is not an attribute" },
        { "a key of a no-path value that is not a path", """{"op":"replace","value":{"name.givenName.x":"x"}}""", ScimErrorType.InvalidPath, "attribute 'name.givenName.x'" },
        { "an unknown attribute under an extension URN key", """{"op":"add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"badge":"x"}}}""", ScimErrorType.InvalidPath, "attribute 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:badge'" },

        // invalidValue
        { "a boolean that is not one", """{"op":"replace","path":"active","value":"maybe"}""", ScimErrorType.InvalidValue, "(replace active): 'active' takes true or false, not \"maybe\"" },
        { "a number for a string", """{"op":"replace","path":"userName","value":5}""", ScimErrorType.InvalidValue, "'userName' takes a string, not 5" },
        { "a string for a complex attribute without a value sub-attribute", """{"op":"replace","path":"name","value":"Barbara"}""", ScimErrorType.InvalidValue, "'name' is complex" },
        { "a nested array", """{"op":"add","path":"emails","value":[[{"value":"a@b.c"}]]}""", ScimErrorType.InvalidValue, "'emails' takes an object of sub-attributes" },
        { "a wrong sub-attribute type through a filter", """{"op":"replace","path":"emails[type eq \"work\"].primary","value":"yes"}""", ScimErrorType.InvalidValue, "'emails.primary' takes true or false" },
        { "a wrong sub-attribute type inside a value", """{"op":"add","path":"emails","value":[{"value":"a@b.c","primary":1}]}""", ScimErrorType.InvalidValue, "'emails.primary' takes true or false, not 1" },
        { "a no-path value that is not an object", """{"op":"add","value":"Babs"}""", ScimErrorType.InvalidValue, "(add with no path): with no \"path\", \"value\" must be an object" },
        { "two values for a single-valued attribute", """{"op":"replace","path":"displayName","value":["a","b"]}""", ScimErrorType.InvalidValue, "'displayName' is single-valued" },
        { "an extension URN given something other than an object", """{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":"x"}""", ScimErrorType.InvalidValue, "takes an object of its attributes" },
    };

    public static TheoryData<string, string, ScimErrorType, string> GroupErrors => new()
    {
        { "a change to the immutable members.value", """{"op":"replace","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"].value","value":"other"}""", ScimErrorType.Mutability, "'members.value' is immutable" },
        { "a whole member replaced by another", """{"op":"replace","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"]","value":{"value":"other"}}""", ScimErrorType.Mutability, "'members.value' is immutable" },
        { "a removal of the immutable members.type", """{"op":"remove","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"].type"}""", ScimErrorType.Mutability, "(remove members[value eq \"2819c223-7f76-453a-919d-413861904646\"].type): 'members.type' is immutable" },
        { "a changed member type", """{"op":"replace","path":"members[value eq \"2819c223-7f76-453a-919d-413861904646\"].type","value":"Group"}""", ScimErrorType.Mutability, "'members.type' is immutable" },
    };

    [Theory]
    [MemberData(nameof(UserErrors))]
    public void Apply_InvalidUserOperation_ThrowsScimErrorAndLeavesUserUnchanged(string why, string operation, ScimErrorType scimType, string detail)
    {
        AssertFails(User(), ValidUserFirst, operation, scimType, detail, why);
    }

    [Theory]
    [MemberData(nameof(GroupErrors))]
    public void Apply_InvalidGroupOperation_ThrowsScimErrorAndLeavesGroupUnchanged(string why, string operation, ScimErrorType scimType, string detail)
    {
        AssertFails(Group(), ValidGroupFirst, operation, scimType, detail, why);
    }

    [Fact]
    public void Apply_FailingThirdOperation_NamesItsIndexOpAndPath()
    {
        var user = User();
        var before = user.ToString();

        var error = Assert.Throws<ScimException>(() => Apply(user, """
            [{"op":"add","path":"nickName","value":"Babs"},
             {"op":"remove","path":"emails[type eq \"home\"]"},
             {"op":"Replace","path":"addresses[type eq \"work\"].locality","value":"Redmond"}]
            """));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.NoTarget, error.ScimType);
        Assert.StartsWith("Operation 2 (replace addresses[type eq \"work\"].locality): ", error.Detail, StringComparison.Ordinal);
        Assert.Equal(before, user.ToString());
    }

    [Theory]
    [InlineData("""{"op":"add","path":"addresses[type eq \"work\"].country","value":"US"}""", ScimErrorType.NoTarget, "no value of 'addresses' matches")]
    [InlineData("""{"op":"remove","path":"nickName"}""", ScimErrorType.NoTarget, "'nickName' has no value to remove")]
    [InlineData("""{"op":"remove","path":"emails[type eq \"pager\"]"}""", ScimErrorType.NoTarget, "no value of 'emails' matches")]
    [InlineData("""{"op":"replace","path":"active","value":"False"}""", ScimErrorType.InvalidValue, "'active' takes true or false, not \"False\"")]
    [InlineData("""{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"26118915"}""", ScimErrorType.InvalidValue, "'manager' is complex; its value is an object of sub-attributes")]
    [InlineData("""{"op":"add","path":"emails","value":{"value":"a@b.c"}}""", ScimErrorType.InvalidValue, "'emails' is multi-valued; its value is an array")]
    [InlineData("""{"op":"add","path":"displayName","value":["Babs"]}""", ScimErrorType.InvalidValue, "'displayName' is single-valued")]
    [InlineData("""{"op":"replace","value":{"name.givenName":"Barb"}}""", ScimErrorType.InvalidPath, "'name.givenName' is not an attribute name")]
    public void Apply_StrictOptions_RefusesTheCompatibleShapes(string operation, ScimErrorType scimType, string detail)
    {
        var user = User();
        var before = user.ToString();

        var error = Assert.Throws<ScimException>(() => Apply(user, $"[{operation}]", PatchOptions.Strict));

        Assert.Equal(scimType, error.ScimType);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
        Assert.Equal(before, user.ToString());
    }

    [Theory]
    [InlineData("title", "'title' takes a string, not [[[[")]
    [InlineData("active", "'active' takes true or false, not {\"a\":{\"a\":")]
    [InlineData("name", "'name' is complex; its value is an object of sub-attributes, not [[[[")]
    public void Apply_ValueBuiltInCodeTenThousandLevelsDeep_IsInvalidValueWithAShortDetail(string path, string detail)
    {
        // Parsed JSON cannot nest this deep (ScimJson.MaxDepth), but a request built in code can, and describing such a
        // value with a JSON writer threw InvalidOperationException (its depth limit is 1,000) instead of a ScimException.
        JsonNode value = "x";
        for (var i = 0; i < 10_000; i++)
        {
            value = path == "active" ? new JsonObject { ["a"] = value } : new JsonArray(value);
        }

        var user = User();
        var before = user.ToString();
        var request = new PatchRequest([new PatchOperation(PatchOperationType.Replace, AttributePath.Parse(path), value)]);

        var error = Assert.Throws<ScimException>(() => new PatchEngine(Registry).Apply(user, request));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
        Assert.EndsWith("...", error.Detail, StringComparison.Ordinal);
        Assert.True(error.Detail.Length < 200, error.Detail);
        Assert.Equal(before, user.ToString());
    }

    private static void AssertFails(ScimResource resource, string first, string operation, ScimErrorType scimType, string detail, string why)
    {
        var before = resource.ToString();

        var error = Assert.Throws<ScimException>(() => Apply(resource, $"[{first},{operation}]"));

        Assert.True(error.Status == 400, why);
        Assert.True(scimType == error.ScimType, $"{why}: expected {scimType}, got {error.ScimType}: {error.Detail}");
        Assert.StartsWith("Operation 1 (", error.Detail, StringComparison.Ordinal);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
        Assert.Equal(before, resource.ToString());
    }
}
