using Scim.Core.Filtering;
using static Scim.Core.Filtering.ComparisonOperator;
using static Scim.Core.Tests.Filtering.FilterTrees;

namespace Scim.Core.Tests.Filtering;

public class FilterParserTests
{
    /// <summary>Every filter of RFC 7644 §3.4.2.2 (Figure 2 and the case-insensitivity examples) with its tree.</summary>
    public static TheoryData<string, ScimFilter> RfcExamples => new()
    {
        { "userName Eq \"john\"", Eq("userName", "john") },
        { "Username eq \"john\"", Eq("userName", "john") },
        { "userName eq \"bjensen\"", Eq("userName", "bjensen") },
        { "name.familyName co \"O'Malley\"", Cmp(P("name", "familyName"), Contains, "O'Malley") },
        { "userName sw \"J\"", Cmp(P("userName"), StartsWith, "J") },
        { "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", Cmp(P("userName", urn: UserUrn), StartsWith, "J") },
        { "title pr", Pr("title") },
        { "meta.lastModified gt \"2011-05-13T04:42:34Z\"", Cmp(P("meta", "lastModified"), GreaterThan, "2011-05-13T04:42:34Z") },
        { "meta.lastModified ge \"2011-05-13T04:42:34Z\"", Cmp(P("meta", "lastModified"), GreaterThanOrEqual, "2011-05-13T04:42:34Z") },
        { "meta.lastModified lt \"2011-05-13T04:42:34Z\"", Cmp(P("meta", "lastModified"), LessThan, "2011-05-13T04:42:34Z") },
        { "meta.lastModified le \"2011-05-13T04:42:34Z\"", Cmp(P("meta", "lastModified"), LessThanOrEqual, "2011-05-13T04:42:34Z") },
        { "title pr and userType eq \"Employee\"", And(Pr("title"), Eq("userType", "Employee")) },
        { "title pr or userType eq \"Intern\"", Or(Pr("title"), Eq("userType", "Intern")) },
        { "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", Eq("schemas", EnterpriseUrn) },
        {
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
            And(Eq("userType", "Employee"), Or(Cmp(P("emails"), Contains, "example.com"), Cmp(P("emails", "value"), Contains, "example.org")))
        },
        {
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
            And(
                Cmp(P("userType"), NotEqual, "Employee"),
                Not(Or(Cmp(P("emails"), Contains, "example.com"), Cmp(P("emails", "value"), Contains, "example.org"))))
        },
        { "userType eq \"Employee\" and (emails.type eq \"work\")", And(Eq("userType", "Employee"), Eq(P("emails", "type"), "work")) },
        {
            "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
            And(Eq("userType", "Employee"), Vp("emails", And(Eq("type", "work"), Cmp(P("value"), Contains, "@example.com"))))
        },
        {
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            Or(
                Vp("emails", And(Eq("type", "work"), Cmp(P("value"), Contains, "@example.com"))),
                Vp("ims", And(Eq("type", "xmpp"), Cmp(P("value"), Contains, "@foo.com"))))
        },
    };

    [Theory]
    [MemberData(nameof(RfcExamples))]
    public void Parse_RfcExample_BuildsExpectedTree(string text, ScimFilter expected)
    {
        Assert.Equal(expected, ScimFilter.Parse(text));
    }

    /// <summary>What identity providers send on the wire (../shared/reference).</summary>
    public static TheoryData<string, ScimFilter> IdentityProviderFilters => new()
    {
        // Entra ID Test Connection and matching, Okta lookups.
        { "userName eq \"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d\"", Eq("userName", "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d") },
        { "externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"", Eq("externalId", "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef") },
        { "displayName eq \"Sales Reps\"", Eq("displayName", "Sales Reps") },
        { "id eq \"1\" and manager eq \"2\"", And(Eq("id", "1"), Eq("manager", "2")) },

        // Entra documents this non-RFC form for uniqueness on the work email; it means the same as the value filter.
        {
            "emails[type eq \"work\"].value eq \"user@contoso.com\"",
            Vp("emails", And(Eq("type", "work"), Eq("value", "user@contoso.com")))
        },
        {
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\"",
            Eq(P("manager", "value", EnterpriseUrn), "26118915-6090-4610-87e4-49d8ca9f808d")
        },
        { "urn:ietf:params:scim:schemas:core:2.0:User:name.familyName eq \"Jensen\"", Eq(P("name", "familyName", UserUrn), "Jensen") },
        { "members[value eq \"2819c223\"]", Vp("members", Eq("value", "2819c223")) },
    };

    [Theory]
    [MemberData(nameof(IdentityProviderFilters))]
    public void Parse_IdentityProviderFilter_BuildsExpectedTree(string text, ScimFilter expected)
    {
        Assert.Equal(expected, ScimFilter.Parse(text));
    }

    public static TheoryData<string, ScimFilter> Precedence => new()
    {
        // and binds tighter than or, on either side.
        { "a pr or b pr and c pr", Or(Pr("a"), And(Pr("b"), Pr("c"))) },
        { "a pr and b pr or c pr", Or(And(Pr("a"), Pr("b")), Pr("c")) },
        { "a pr and b pr or c pr and d pr", Or(And(Pr("a"), Pr("b")), And(Pr("c"), Pr("d"))) },
        { "a pr or b pr or c pr", Or(Pr("a"), Pr("b"), Pr("c")) },
        { "a pr and b pr and c pr", And(Pr("a"), Pr("b"), Pr("c")) },

        // Parentheses override precedence; a group of the same operator is flattened.
        { "(a pr or b pr) and c pr", And(Or(Pr("a"), Pr("b")), Pr("c")) },
        { "a pr and (b pr or c pr)", And(Pr("a"), Or(Pr("b"), Pr("c"))) },
        { "(a pr and b pr) and c pr", And(Pr("a"), Pr("b"), Pr("c")) },
        { "a pr or (b pr or c pr)", Or(Pr("a"), Pr("b"), Pr("c")) },
        { "((a pr))", Pr("a") },

        // not applies to its parenthesised operand only, and binds tighter than and.
        { "not (a pr) and b pr", And(Not(Pr("a")), Pr("b")) },
        { "not(a pr) or b pr", Or(Not(Pr("a")), Pr("b")) },
        { "not (a pr or b pr)", Not(Or(Pr("a"), Pr("b"))) },
        { "not (not (a pr))", Not(Not(Pr("a"))) },
        { "a pr and not (b pr) or c pr", Or(And(Pr("a"), Not(Pr("b"))), Pr("c")) },

        // Value filters nest inside and/or/not, and and/or nest inside value filters.
        { "not (emails[type eq \"work\"])", Not(Vp("emails", Eq("type", "work"))) },
        { "emails[not (type eq \"work\") and (value co \"a\" or value co \"b\")]", Vp("emails", And(Not(Eq("type", "work")), Or(Cmp(P("value"), Contains, "a"), Cmp(P("value"), Contains, "b")))) },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void Parse_LogicalOperators_FollowPrecedenceAndGrouping(string text, ScimFilter expected)
    {
        Assert.Equal(expected, ScimFilter.Parse(text));
    }

    public static TheoryData<string, ComparisonValue> Values => new()
    {
        { "\"plain\"", "plain" },
        { "\"\"", "" },
        { "\"quote \\\" backslash \\\\ slash \\/\"", "quote \" backslash \\ slash /" },
        { "\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t" },
        { "\"O\\u0027Malley\"", "O'Malley" },
        { "\"\\u00e9t\\u00C9\"", "étÉ" },
        { "\"\\ud83d\\ude00\"", "\ud83d\ude00" },
        { "\"unicode ü 日本\"", "unicode ü 日本" },
        { "42", 42m },
        { "-7", -7m },
        { "0", 0m },
        { "3.25", 3.25m },
        { "-0.5", -0.5m },
        { "1e3", 1000m },
        { "2.5E-2", 0.025m },
        { "1E+2", 100m },
        { "true", true },
        { "false", false },
        { "null", ComparisonValue.Null },
        { "TRUE", true },
        { "Null", ComparisonValue.Null },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Parse_ComparisonValue_IsDecodedAsJson(string literal, ComparisonValue expected)
    {
        var filter = Assert.IsType<ComparisonFilter>(ScimFilter.Parse("x eq " + literal));

        Assert.Equal(expected, filter.Value);
    }

    [Theory]
    [InlineData("userName EQ \"a\"")]
    [InlineData("USERNAME eq \"a\"")]
    [InlineData("uSeRnAmE eQ \"a\"")]
    public void Parse_OperatorAndAttributeCase_DoesNotMatter(string text)
    {
        Assert.Equal(Eq("userName", "a"), ScimFilter.Parse(text));
    }

    [Theory]
    [InlineData("title PR AND userType Eq \"x\"")]
    [InlineData("title pr And userType eq \"x\"")]
    public void Parse_LogicalKeywordCase_DoesNotMatter(string text)
    {
        Assert.Equal(And(Pr("title"), Eq("userType", "x")), ScimFilter.Parse(text));
    }

    [Fact]
    public void Parse_NotInUpperCase_IsNot()
    {
        Assert.Equal(Not(Pr("a")), ScimFilter.Parse("NOT (a pr)"));
    }

    [Theory]
    [InlineData("  userName   eq  \"a\"  ")]
    [InlineData("userName\teq\t\"a\"")]
    [InlineData("userName eq \"a\"\r\n")]
    [InlineData("(userName eq \"a\")")]
    [InlineData("( userName eq \"a\" )")]
    public void Parse_Whitespace_IsInsignificant(string text)
    {
        Assert.Equal(Eq("userName", "a"), ScimFilter.Parse(text));
    }

    [Fact]
    public void Parse_ValueWithParenthesesAndKeywords_IsOneString()
    {
        Assert.Equal(Eq("displayName", "a) or (b pr and not ["), ScimFilter.Parse("displayName eq \"a) or (b pr and not [\""));
    }

    [Theory]
    [InlineData("and eq \"x\"", "and")]
    [InlineData("or pr", "or")]
    [InlineData("pr pr", "pr")]
    [InlineData("eq eq \"x\"", "eq")]
    public void Parse_KeywordAsAttributeName_IsAnAttribute(string text, string attribute)
    {
        var filter = ScimFilter.Parse(text);

        var path = filter switch { ComparisonFilter c => c.Attribute, PresentFilter p => p.Attribute, _ => null };
        Assert.Equal(attribute, path?.AttributeName);
    }

    [Fact]
    public void Parse_NotFollowedByOperator_IsAnAttributeNamedNot()
    {
        Assert.Equal(Eq("not", "x"), ScimFilter.Parse("not eq \"x\""));
    }

    [Fact]
    public void Parse_RefSubAttribute_IsAccepted()
    {
        Assert.Equal(Eq(P("members", "$ref"), "https://example.com/Users/1"), ScimFilter.Parse("members.$ref eq \"https://example.com/Users/1\""));
    }

    [Fact]
    public void Parse_SameTextTwice_GivesEqualTreesWithEqualHashCodes()
    {
        const string text = "userType eq \"Employee\" and (emails[type eq \"work\" and value co \"@x\"] or not (title pr))";

        var first = ScimFilter.Parse(text);
        var second = ScimFilter.Parse(text);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Parse_AttributeNamesDifferingOnlyInCase_GiveEqualTrees()
    {
        var lower = ScimFilter.Parse("emails[type eq \"work\"] and name.familyname pr");
        var mixed = ScimFilter.Parse("EMAILS[TYPE eq \"work\"] AND Name.FamilyName PR");

        Assert.Equal(lower, mixed);
        Assert.Equal(lower.GetHashCode(), mixed.GetHashCode());
    }

    [Theory]
    [InlineData("a eq \"x\"", "a eq \"X\"")]
    [InlineData("a eq 1", "a eq 2")]
    [InlineData("a eq 1", "a eq \"1\"")]
    [InlineData("a eq true", "a eq false")]
    [InlineData("a pr and b pr", "b pr and a pr")]
    [InlineData("a pr and b pr", "a pr or b pr")]
    [InlineData("a pr", "not (a pr)")]
    [InlineData("a.b pr", "a pr")]
    [InlineData("urn:x:y:a pr", "a pr")]
    [InlineData("e[type eq \"w\"]", "e[type eq \"h\"]")]
    [InlineData("a gt 1", "a ge 1")]
    public void Equals_DifferentFilters_AreNotEqual(string left, string right)
    {
        Assert.NotEqual(ScimFilter.Parse(left), ScimFilter.Parse(right));
    }

    [Fact]
    public void Equals_NumbersWithDifferentScale_AreEqual()
    {
        Assert.Equal(ScimFilter.Parse("a eq 1.0"), ScimFilter.Parse("a eq 1"));
    }

    public static TheoryData<string, string> CanonicalText => new()
    {
        { "userName Eq \"john\"", "userName eq \"john\"" },
        { "  title   PR  ", "title pr" },
        { "a pr or b pr and c pr", "a pr or b pr and c pr" },
        { "(a pr or b pr) and c pr", "(a pr or b pr) and c pr" },
        { "((a pr and b pr)) and c pr", "a pr and b pr and c pr" },
        { "NOT(a pr)", "not (a pr)" },
        { "x eq \"O\\u0027Malley \\\"q\\\"\"", "x eq \"O'Malley \\\"q\\\"\"" },
        { "x eq \"tab\\tline\\n\"", "x eq \"tab\\tline\\n\"" },
        { "x eq \"\\u0001\"", "x eq \"\\u0001\"" },
        { "x eq 1E3", "x eq 1000" },
        { "x eq TRUE", "x eq true" },
        { "emails[type eq \"work\"].value eq \"u@x\"", "emails[type eq \"work\" and value eq \"u@x\"]" },
        { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr" },
    };

    [Theory]
    [MemberData(nameof(CanonicalText))]
    public void ToString_PrintsCanonicalText(string text, string canonical)
    {
        var filter = ScimFilter.Parse(text);

        Assert.Equal(canonical, filter.ToString());
        Assert.Equal(filter, ScimFilter.Parse(filter.ToString()));
    }

    [Fact]
    public void TryParse_ValidText_ReturnsFilterAndNoError()
    {
        Assert.True(ScimFilter.TryParse("title pr", out var filter, out var error));
        Assert.Equal(Pr("title"), filter);
        Assert.Null(error);
    }
}
