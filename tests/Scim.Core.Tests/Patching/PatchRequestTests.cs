using System.Text;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Patching;

namespace Scim.Core.Tests.Patching;

/// <summary><see cref="PatchRequest.Parse(string, PatchOptions?)"/>: the PatchOp message and what real clients send of it.</summary>
public class PatchRequestTests
{
    [Fact]
    public void Parse_EntraDisableUserWithOperationsBeforeSchemas_ReadsTheOperation()
    {
        // Entra ID's "Disable User" example puts Operations before schemas.
        var request = PatchRequest.Parse("""
            {"Operations":[{"op":"Replace","path":"active","value":false}],"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}
            """);

        var operation = Assert.Single(request.Operations);
        Assert.Equal(PatchOperationType.Replace, operation.Op);
        Assert.Equal(new AttributePath("active"), operation.Path);
        Assert.False(operation.Value!.GetValue<bool>());
    }

    [Theory]
    [InlineData("add", PatchOperationType.Add)]
    [InlineData("Add", PatchOperationType.Add)]
    [InlineData("ADD", PatchOperationType.Add)]
    [InlineData("replace", PatchOperationType.Replace)]
    [InlineData("Replace", PatchOperationType.Replace)]
    [InlineData("remove", PatchOperationType.Remove)]
    [InlineData("Remove", PatchOperationType.Remove)]
    public void Parse_OpInAnyCase_IsRecognised(string op, PatchOperationType expected)
    {
        var request = PatchRequest.Parse(PatchTesting.Body($$"""[{"op":"{{op}}","path":"nickName","value":"Babs"}]"""));

        Assert.Equal(expected, Assert.Single(request.Operations).Op);
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"operations":[{"op":"add","path":"nickName","value":"Babs"}]}""")]
    [InlineData("""{"SCHEMAS":["URN:IETF:PARAMS:SCIM:API:MESSAGES:2.0:PATCHOP"],"OPERATIONS":[{"OP":"add","PATH":"nickName","VALUE":"Babs"}]}""")]
    [InlineData("""{"Operations":[{"value":"Babs","path":"nickName","op":"add"}],"schemas":["urn:example:other","urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""")]
    public void Parse_MemberNamesInAnyCaseAndOrder_AreRead(string body)
    {
        var operation = Assert.Single(PatchRequest.Parse(body).Operations);

        Assert.Equal(PatchOperationType.Add, operation.Op);
        Assert.Equal(new AttributePath("nickName"), operation.Path);
        Assert.Equal("Babs", operation.Value!.GetValue<string>());
    }

    [Fact]
    public void Parse_PathsOfEveryForm_AreParsed()
    {
        var request = PatchRequest.Parse(PatchTesting.Body("""
            [{"op":"add","path":"nickName","value":"Babs"},
             {"op":"replace","path":"name.familyName","value":"Jensen"},
             {"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value","value":"id"},
             {"op":"remove","path":"emails[type eq \"work\"]"},
             {"op":"replace","path":"addresses[type eq \"work\"].country","value":"US"},
             {"op":"replace","value":{"active":false}},
             {"op":"remove","path":null}]
            """));

        Assert.Equal(
            [
                new AttributePath("nickName"),
                new AttributePath(null, "name", null, "familyName"),
                new AttributePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", null, "value"),
                new AttributePath(null, "emails", new ComparisonFilter(new AttributePath("type"), ComparisonOperator.Equal, "work")),
                new AttributePath(null, "addresses", new ComparisonFilter(new AttributePath("type"), ComparisonOperator.Equal, "work"), "country"),
                null,
                null,
            ],
            request.Operations.Select(o => o.Path));
    }

    [Fact]
    public void Parse_Utf8Bytes_GivesTheSameRequestAsText()
    {
        const string Body = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"2819c223\"]"}]}""";

        var fromBytes = PatchRequest.Parse(Encoding.UTF8.GetBytes(Body));
        var fromText = PatchRequest.Parse(Body);

        var (text, bytes) = (Assert.Single(fromText.Operations), Assert.Single(fromBytes.Operations));
        Assert.Equal((text.Op, text.Path), (bytes.Op, bytes.Path));
        Assert.Null(bytes.Value);
    }

    [Fact]
    public void Parse_RemoveWithValue_KeepsTheValue()
    {
        // Entra ID's default-mode member removal carries a value the RFC does not define for remove.
        var operation = Assert.Single(PatchRequest.Parse(PatchTesting.Body("""[{"op":"Remove","path":"members","value":[{"value":"2819c223"}]}]""")).Operations);

        Assert.IsType<JsonArray>(operation.Value);
    }

    public static TheoryData<string, ScimErrorType, string> Invalid => new()
    {
        { """{"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""", ScimErrorType.InvalidSyntax, "\"schemas\" containing \"urn:ietf:params:scim:api:messages:2.0:PatchOp\"" },
        { """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""", ScimErrorType.InvalidSyntax, "\"schemas\" containing" },
        { """{"schemas":"urn:ietf:params:scim:api:messages:2.0:PatchOp","Operations":[{"op":"add","path":"nickName","value":"Babs"}]}""", ScimErrorType.InvalidSyntax, "\"schemas\" containing" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""", ScimErrorType.InvalidSyntax, "\"Operations\", an array of one or more operations" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""", ScimErrorType.InvalidSyntax, "an array of one or more operations" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{"op":"add"}}""", ScimErrorType.InvalidSyntax, "an array of one or more operations" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["add"]}""", ScimErrorType.InvalidSyntax, "Operation 0 must be an object" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"path":"nickName","value":"Babs"}]}""", ScimErrorType.InvalidSyntax, "Operation 0 has no \"op\"" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"a","value":1},{"op":"move","path":"nickName"}]}""", ScimErrorType.InvalidSyntax, "Operation 1 has the unknown op \"move\"" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":true,"path":"nickName"}]}""", ScimErrorType.InvalidSyntax, "Operation 0 has no \"op\"" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"a","value":1},{"op":"replace","path":"emails[type eq \"work\"","value":"x"}]}""", ScimErrorType.InvalidPath, "Operation 1 (replace emails[type eq \"work\"): " },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"emails[type xx \"work\"]"}]}""", ScimErrorType.InvalidPath, "Operation 0 (remove emails[type xx \"work\"]): " },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":""}]}""", ScimErrorType.InvalidPath, "Operation 0 (remove ): The path is empty" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":5}]}""", ScimErrorType.InvalidPath, "Operation 0 (remove): \"path\" must be a string" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName"}]}""", ScimErrorType.InvalidValue, "Operation 0 (add nickName) has no \"value\"" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"nickName"}]}""", ScimErrorType.InvalidValue, "Operation 0 (replace nickName) has no \"value\"" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"nickName","value":null}]}""", ScimErrorType.InvalidValue, "has no \"value\"" },
        { """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add"}]}""", ScimErrorType.InvalidValue, "Operation 0 (add with no path) has no \"value\"" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidMessage_ThrowsScimErrorNamingTheOperation(string body, ScimErrorType scimType, string detail)
    {
        var error = Assert.Throws<ScimException>(() => PatchRequest.Parse(body));

        Assert.Equal(400, error.Status);
        Assert.Equal(scimType, error.ScimType);
        Assert.Contains(detail, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"schemas\":")]
    public void Parse_NotAJsonObject_IsInvalidSyntax(string body)
    {
        Assert.Equal(ScimErrorType.InvalidSyntax, Assert.Throws<ScimException>(() => PatchRequest.Parse(body)).ScimType);
        Assert.Equal(ScimErrorType.InvalidSyntax, Assert.Throws<ScimException>(() => PatchRequest.Parse(Encoding.UTF8.GetBytes(body))).ScimType);
    }

    [Fact]
    public void Parse_MoreOperationsThanTheLimit_IsTooManyBeforeReadingThem()
    {
        // The operations are not even objects: the count is checked first.
        var body = PatchTesting.Body("[" + string.Join(",", Enumerable.Repeat("0", 1001)) + "]");

        var error = Assert.Throws<ScimException>(() => PatchRequest.Parse(body));

        Assert.Equal(400, error.Status);
        Assert.Equal(ScimErrorType.TooMany, error.ScimType);
        Assert.Contains("1001 operations; this server accepts at most 1000", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConfiguredLimit_AcceptsUpToItAndRefusesMore()
    {
        var options = new PatchOptions { MaxOperations = 2 };
        const string Op = """{"op":"add","path":"nickName","value":"Babs"}""";

        Assert.Equal(2, PatchRequest.Parse(PatchTesting.Body($"[{Op},{Op}]"), options).Operations.Length);
        Assert.Equal(ScimErrorType.TooMany, Assert.Throws<ScimException>(() => PatchRequest.Parse(PatchTesting.Body($"[{Op},{Op},{Op}]"), options)).ScimType);
    }

    [Fact]
    public void TryParse_InvalidMessage_ReturnsTheErrorWithoutThrowing()
    {
        var ok = PatchRequest.TryParse(JsonNode.Parse("""{"schemas":[]}""")!.AsObject(), null, out var request, out var error);

        Assert.False(ok);
        Assert.Null(request);
        Assert.Equal(ScimErrorType.InvalidSyntax, error!.ScimType);
    }

    [Fact]
    public void PatchOptions_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PatchOptions { MaxOperations = 0 });
    }
}
