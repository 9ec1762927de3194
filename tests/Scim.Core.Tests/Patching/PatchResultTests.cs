using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Patching;
using Scim.Core.Resources;
using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Patching;

/// <summary>What <see cref="PatchEngine.Apply"/> reports besides the resource, and how it treats its inputs.</summary>
public class PatchResultTests
{
    public static TheoryData<string, string, string[]> ChangedAttributes => new()
    {
        {
            "", """[{"op":"Replace","path":"emails[type eq \"work\"].value","value":"b@contoso.com"},{"op":"Replace","path":"name.familyName","value":"Smith"}, {"op":"Replace","path":"active","value":"False"},{"op":"Add","path":"addresses[type eq \"work\"].country","value":"US"}, {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"}]""",
            ["emails", "name", "active", "addresses", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"]
        },
        {
            "", """[{"op":"replace","value":{"displayName":"B","name.givenName":"Barb"}},{"op":"replace","path":"displayName","value":"C"}]""",
            ["displayName", "name"]
        },
        {
            """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"bjensen"}""",
            """[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m1"}]""",
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "schemas"]
        },
        { "group", """[{"op":"add","path":"members","value":[{"value":"m3"}]},{"op":"remove","path":"members[value eq \"m4\"]"}]""", ["members"] },
        { "group", """[{"op":"add","path":"members","value":[{"value":"2819c223-7f76-453a-919d-413861904646"}]},{"op":"replace","path":"displayName","value":"G"}]""", ["displayName"] },
    };

    [Theory]
    [MemberData(nameof(ChangedAttributes))]
    public void Apply_ChangingRequest_ReportsTopLevelChangedAttributesInOrder(string resource, string operations, string[] expected)
    {
        var original = resource == "group" ? Group() : User(resource == "" ? BaseUser : resource);

        var result = Apply(original, operations);

        Assert.True(result.Changed);
        Assert.Equal(expected.Select(p => AttributePath.Parse(p)), result.ChangedAttributes);
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"displayName","value":"Babs Jensen"}]""")]
    [InlineData("""[{"op":"add","path":"emails","value":[{"value":"bjensen@example.com","type":"work","primary":true}]}]""")]
    [InlineData("""[{"op":"replace","path":"name","value":{"givenName":"Barbara"}}]""")]
    [InlineData("""[{"op":"Replace","path":"active","value":"True"}]""")]
    [InlineData("""[{"op":"remove","path":"nickName"}]""")]
    [InlineData("""[{"op":"remove","path":"emails[type eq \"pager\"]"}]""")]
    [InlineData("""[{"op":"replace","value":{"id":"2819c223-7f76-453a-919d-413861904646","userName":"bjensen@example.com"}}]""")]
    [InlineData("""[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"26118915-6090-4610-87e4-49d8ca9f808d"}]""")]
    public void Apply_RequestThatChangesNothing_ReportsUnchangedAndSkipsTheFinaliser(string operations)
    {
        var finalised = 0;
        var engine = new PatchEngine(Registry, finalise: (existing, json) => { finalised++; return new ScimResource(existing.ResourceType, json); });
        var user = User();

        var result = engine.Apply(user, PatchRequest.Parse(Body(operations)));

        Assert.False(result.Changed);
        Assert.Empty(result.ChangedAttributes);
        Assert.Equal(0, finalised);
        AssertJson(user.Json, result.Resource.Json);
        Assert.NotSame(user, result.Resource);
        Assert.NotSame(user.Json, result.Resource.Json);
    }

    [Fact]
    public void Apply_ChangeMadeAndUndone_IsReportedAsAChange()
    {
        // Change tracking follows the operations, not a comparison of the whole resource (which would cost its size).
        var result = Apply(User(), """[{"op":"add","path":"nickName","value":"Babs"},{"op":"remove","path":"nickName"}]""");

        Assert.True(result.Changed);
        Assert.Equal(new[] { new AttributePath("nickName") }, result.ChangedAttributes);
        AssertJson(Object(BaseUser), result.Resource.Json);
    }

    [Fact]
    public void Apply_WithSchemaValidatorAsFinaliser_ReturnsTheValidatedResource()
    {
        var validator = new SchemaValidatorProbe();
        var engine = new PatchEngine(Registry, finalise: validator.ValidateForReplace);
        var user = User();

        var result = engine.Apply(user, PatchRequest.Parse(Body("""[{"op":"Add","path":"emails","value":[{"value":"b@x.org"}]}]""")));

        Assert.Same(user, validator.Existing);
        Assert.Same(validator.Returned, result.Resource);
        Assert.True(result.Changed);
    }

    [Fact]
    public void Apply_WithTheRealSchemaValidator_DropsUnknownSubAttributesAndKeepsId()
    {
        var engine = new PatchEngine(Registry, finalise: Validator.ValidateForReplace);

        var result = engine.Apply(Group(), PatchRequest.Parse(Body("""
            [{"op":"add","path":"members","value":[{"value":"08e1d05d-121c-4561-8b96-473d93df9210","display":"james@example.com","nickname":"Jim"}]}]
            """)));

        var members = result.Resource.Json["members"]!.AsArray();
        Assert.Equal(3, members.Count);
        Assert.Equal("james@example.com", members[2]!["display"]!.GetValue<string>());
        Assert.Null(members[2]!["nickname"]);
        Assert.Equal("acbf3ae7-8463-4692-b4fd-9b4da3f908ce", result.Resource.Id);
    }

    [Fact]
    public void Apply_FinaliserThatRefuses_PropagatesItsErrorAndLeavesTheResource()
    {
        var engine = new PatchEngine(Registry, finalise: (_, _) => throw new ScimException(400, ScimErrorType.InvalidValue, "no"));
        var user = User();
        var before = user.ToString();

        Assert.Equal("no", Assert.Throws<ScimException>(() => engine.Apply(user, PatchRequest.Parse(Body("""[{"op":"add","path":"nickName","value":"B"}]""")))).Detail);
        Assert.Equal(before, user.ToString());
    }

    [Fact]
    public void Apply_SameRequestTwiceAndToAnotherResourceType_GivesIndependentResults()
    {
        var engine = new PatchEngine(Registry);
        var request = PatchRequest.Parse(Body("""[{"op":"add","path":"displayName","value":"Shared"},{"op":"add","value":{"externalId":"x1"}}]"""));

        var first = engine.Apply(User(), request);
        var second = engine.Apply(User(), request);
        var group = engine.Apply(Group(), request);

        Assert.Equal("Shared", first.Resource.Json["displayName"]!.GetValue<string>());
        Assert.Equal("Shared", second.Resource.Json["displayName"]!.GetValue<string>());
        Assert.Equal("Shared", group.Resource.Json["displayName"]!.GetValue<string>());
        first.Resource.Json["displayName"] = "Changed";
        Assert.Equal("Shared", second.Resource.Json["displayName"]!.GetValue<string>());
        Assert.Equal("Shared", request.Operations[0].Value!.GetValue<string>());
    }

    [Fact]
    public void Apply_ResourceBuiltInCode_IsNotChanged()
    {
        var json = Object(BaseUser);
        var user = new ScimResource(UserType, json);
        var before = json.ToJsonString();

        var result = Apply(user, """[{"op":"remove","path":"emails[type eq \"home\"]"},{"op":"replace","path":"name.givenName","value":"B"}]""");

        Assert.Equal(before, json.ToJsonString());
        Assert.Single(result.Resource.Json["emails"]!.AsArray());
    }

    [Fact]
    public void Apply_RequestBuiltInCodeOverTheLimit_IsTooMany()
    {
        var engine = new PatchEngine(Registry, new PatchOptions { MaxOperations = 1 });
        var add = new PatchOperation(PatchOperationType.Add, new AttributePath("nickName"), JsonValue.Create("B"));

        var error = Assert.Throws<ScimException>(() => engine.Apply(User(), new PatchRequest([add, add])));

        Assert.Equal(ScimErrorType.TooMany, error.ScimType);
    }

    [Fact]
    public void Apply_RequestBuiltInCodeWithCreatedValues_Works()
    {
        var request = new PatchRequest(
        [
            new PatchOperation(PatchOperationType.Replace, new AttributePath("active"), JsonValue.Create(false)),
            new PatchOperation(PatchOperationType.Add, null, new JsonObject { ["nickName"] = "Babs", ["emails"] = new JsonArray(new JsonObject { ["value"] = "b@x.org", ["primary"] = true }) }),
        ]);

        var result = new PatchEngine(Registry).Apply(User(), request);

        Assert.False(result.Resource.Json["active"]!.GetValue<bool>());
        Assert.Equal("Babs", result.Resource.Json["nickName"]!.GetValue<string>());
        Assert.Equal(3, result.Resource.Json["emails"]!.AsArray().Count);
        Assert.False(result.Resource.Json["emails"]![0]!["primary"]!.GetValue<bool>());
    }

    private sealed class SchemaValidatorProbe
    {
        public ScimResource? Existing { get; private set; }

        public ScimResource? Returned { get; private set; }

        public ScimResource ValidateForReplace(ScimResource existing, JsonObject input)
        {
            Existing = existing;
            return Returned = Validator.ValidateForReplace(existing, input);
        }
    }
}
