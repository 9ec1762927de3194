using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Tests.Filtering;

public class ScimFilterValidatorTests
{
    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();
    private static readonly ResourceType User = Registry.FindResourceType("User")!;
    private static readonly ResourceType Group = Registry.FindResourceType("Group")!;

    [Theory]
    [InlineData("userName eq \"bjensen\"")]
    [InlineData("USERNAME eq \"bjensen\"")]
    [InlineData("externalId eq \"701984\"")]
    [InlineData("id eq \"2819c223\"")]
    [InlineData("name.familyName co \"O'Malley\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"")]
    [InlineData("title pr")]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"")]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"")]
    [InlineData("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")")]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]")]
    [InlineData("emails[type eq \"work\"].value eq \"user@contoso.com\"")]
    [InlineData("active eq true")]
    [InlineData("active ne false")]
    [InlineData("title eq null")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\"")]
    [InlineData("employeeNumber eq \"701984\"")]
    [InlineData("manager.value pr")]
    public void Validate_UserFilterOnKnownAttributes_Passes(string text)
    {
        ScimFilterValidator.Validate(ScimFilter.Parse(text), Registry, User);
    }

    [Theory]
    [InlineData("displayName eq \"Tour Guides\"")]
    [InlineData("members[value eq \"2819c223\"]")]
    [InlineData("members.value eq \"2819c223\"")]
    public void Validate_GroupFilterOnKnownAttributes_Passes(string text)
    {
        ScimFilterValidator.Validate(ScimFilter.Parse(text), Registry, Group);
    }

    public static TheoryData<string, string> Unsupported => new()
    {
        { "nickname2 eq \"x\"", "'nickname2' is not an attribute of the User resource type" },
        { "name.surname eq \"x\"", "'surname' is not a sub-attribute of 'name'" },
        { "userName.value eq \"x\"", "'userName' is not complex" },
        { "urn:example:other:2.0:User:userName eq \"x\"", "'urn:example:other:2.0:User' is not a schema of the User resource type" },
        { "active gt true", "boolean" },
        { "active co \"t\"", "is a boolean; it compares only with eq and ne" },
        { "active eq \"true\"", "compare it with true or false" },
        { "meta.lastModified gt \"yesterday\"", "is a dateTime" },
        { "meta.lastModified gt 5", "is a dateTime" },
        { "userName eq 5", "compare it with a string" },
        { "userName eq true", "compare it with a string" },
        { "name eq \"Barbara\"", "'name' is complex; compare one of its sub-attributes" },
        { "userName[value eq \"x\"]", "is not a complex attribute" },
        { "emails[name.givenName eq \"x\"]", "must be a plain sub-attribute name" },
        { "emails[display2 eq \"x\"]", "'display2' is not a sub-attribute of 'emails'" },
        { "members pr", "'members' is not an attribute of the User resource type" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Validate_UnsupportedAttributeOrComparison_IsInvalidFilter(string text, string reason)
    {
        var exception = Assert.Throws<ScimException>(() => ScimFilterValidator.Validate(ScimFilter.Parse(text), Registry, User));

        Assert.Equal(ScimErrorType.InvalidFilter, exception.ScimType);
        Assert.Contains(reason, exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_WithSchema_UsesCaseExactOfTheAttribute()
    {
        var user = new ScimResource(User, JsonNode.Parse("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"AbC","externalId":"XyZ","userName":"BJensen",
             "emails":[{"value":"BJensen@Example.com","type":"work"}]}
            """)!.AsObject());

        // userName and emails.value are not caseExact in RFC 7643 §8.7.1; id and externalId are (§3.1).
        Assert.True(ScimFilterEvaluator.Matches(ScimFilter.Parse("userName eq \"bjensen\""), user, Registry));
        Assert.True(ScimFilterEvaluator.Matches(ScimFilter.Parse("emails[value eq \"bjensen@example.com\"]"), user, Registry));
        Assert.True(ScimFilterEvaluator.Matches(ScimFilter.Parse("id eq \"AbC\""), user, Registry));
        Assert.False(ScimFilterEvaluator.Matches(ScimFilter.Parse("id eq \"abc\""), user, Registry));
        Assert.True(ScimFilterEvaluator.Matches(ScimFilter.Parse("externalId eq \"XyZ\""), user, Registry));
        Assert.False(ScimFilterEvaluator.Matches(ScimFilter.Parse("externalId eq \"xyz\""), user, Registry));
    }

    [Theory]
    [InlineData("employeeNumber eq \"701984\"", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", true)]
    [InlineData("manager.value eq \"26118915\"", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\"", true)]
    [InlineData("manager[value eq \"26118915\"]", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager[value eq \"26118915\"]", true)]
    [InlineData("userName eq \"bjensen\" and not (department eq \"Sales\")", "userName eq \"bjensen\" and not (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\")", true)]
    [InlineData("employeeNumber eq \"1\"", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"1\"", false)]
    public void Bind_UnqualifiedExtensionAttribute_IsQualifiedAndThenMatches(string text, string bound, bool matches)
    {
        var user = new ScimResource(User, JsonNode.Parse("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "userName":"bjensen","employeeNumber":"top-level impostor",
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tour Operations","manager":{"value":"26118915"}}}
            """)!.AsObject());

        var filter = ScimFilterValidator.Bind(ScimFilter.Parse(text), Registry, User);

        Assert.Equal(ScimFilter.Parse(bound), filter);
        Assert.Equal(matches, ScimFilterEvaluator.Matches(filter, user, Registry));
    }

    [Fact]
    public void Bind_NothingToQualify_ReturnsTheSameTree()
    {
        var filter = ScimFilter.Parse("userName eq \"a\" or (emails[type eq \"work\"] and not (title pr))");

        Assert.Same(filter, ScimFilterValidator.Bind(filter, Registry, User));
    }

    [Theory]
    [InlineData("meta.lastModified eq \"2011-05-13T06:42:34+02:00\"", true, true)]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:33.9Z\"", true, true)]
    [InlineData("title eq \"2011-05-13T06:42:34+02:00\"", false, true)]
    [InlineData("title eq \"2011-05-13T04:42:34.000Z\"", false, true)]
    public void Matches_WithSchema_ComparesChronologicallyOnlyDateTimeAttributes(string text, bool withSchema, bool withoutSchema)
    {
        var user = new ScimResource(User, JsonNode.Parse("""
            {"userName":"a","title":"2011-05-13T04:42:34Z","meta":{"resourceType":"User","lastModified":"2011-05-13T04:42:34Z"}}
            """)!.AsObject());
        var filter = ScimFilter.Parse(text);

        Assert.Equal(withSchema, ScimFilterEvaluator.Matches(filter, user, Registry));
        Assert.Equal(withoutSchema, ScimFilterEvaluator.Matches(filter, user.Json));
    }
}
