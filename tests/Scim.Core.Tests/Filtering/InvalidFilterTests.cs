using Scim.Core.Errors;
using Scim.Core.Filtering;

namespace Scim.Core.Tests.Filtering;

public class InvalidFilterTests
{
    /// <summary>Invalid filters, the 1-based position the error names, and the reason it gives.</summary>
    public static TheoryData<string, int, string> InvalidFilters => new()
    {
        // Missing or wrong pieces of an attribute expression.
        { "userName", 9, "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le), 'pr' or '['" },
        { "userName eq", 12, "expected a value" },
        { "userName eq bjensen", 13, "expected a value (a string in double quotes" },
        { "userName xx \"a\"", 10, "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le), 'pr' or '['" },
        { "userName eq 'bjensen'", 13, "strings are written in double quotes" },
        { "\"bjensen\" eq userName", 1, "expected an attribute path, '(' or 'not', found a string" },
        { "eq \"x\"", 4, "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le), 'pr' or '['" },
        { "userName pr \"x\"", 13, "expected 'and', 'or' or the end of the filter, found a string" },

        // Logical operators without operands, or operands without operators.
        { "userName eq \"a\" and", 20, "expected an attribute path, '(' or 'not', found the end of the input" },
        { "userName eq \"a\" or", 19, "expected an attribute path, '(' or 'not'" },
        { "and userName eq \"a\"", 5, "found 'userName'" },
        { "a pr and or b pr", 13, "found 'b'" },
        { "userName eq \"a\" userType eq \"b\"", 17, "expected 'and', 'or' or the end of the filter, found 'userType'" },
        { "a pr not (b pr)", 6, "found 'not'" },
        { "not userName eq \"a\"", 5, "found 'userName'" },

        // Parentheses and brackets.
        { "(userName eq \"a\"", 17, "expected ')'" },
        { "userName eq \"a\")", 16, "found ')'" },
        { "()", 2, "found ')'" },
        { "not ()", 6, "found ')'" },
        { "a pr)", 5, "found ')'" },
        { "emails[type eq \"work\"", 22, "expected ']'" },
        { "emails[]", 8, "found ']'" },
        { "emails[type eq \"work\"]]", 23, "found ']'" },
        { "[a eq \"x\"]", 1, "found '['" },
        { "a eq \"x\" [", 10, "found '['" },
        { "emails[type[value eq \"a\"]]", 12, "Value filters cannot be nested" },
        { "name.givenName[value eq \"a\"]", 15, "not to a sub-attribute" },

        // Values the operator cannot take.
        { "active gt true", 11, "'gt' compares strings, numbers and dates, not booleans or null" },
        { "active lt false", 11, "compares strings, numbers and dates, not booleans or null" },
        { "title ge null", 10, "compares strings, numbers and dates, not booleans or null" },
        { "userName co 5", 13, "'co' matches strings, and this value is not a string" },
        { "userName sw true", 13, "'sw' matches strings" },
        { "userName ew null", 13, "'ew' matches strings" },

        // Strings.
        { "userName eq \"unterminated", 13, "Unterminated string" },
        { "userName eq \"bad \\x escape\"", 18, "Invalid escape '\\x'" },
        { "userName eq \"\\u12\"", 14, "four hexadecimal digits" },
        { "userName eq \"\\u12G4\"", 14, "four hexadecimal digits" },
        { "userName eq \"tab\tinside\"", 17, "Unescaped control character U+0009" },
        { "userName eq \"ends with backslash\\", 13, "Unterminated string" },

        // Numbers.
        { "x eq 01", 7, "Invalid number" },
        { "x eq 1.", 8, "a digit is expected after '.'" },
        { "x eq -", 7, "a digit is expected" },
        { "x eq 1e", 8, "a digit is expected in the exponent" },
        { "x eq 1e400000000", 6, "out of range" },
        { "x eq 12abc", 8, "Invalid number" },
        { "x eq +1", 6, "Unexpected character '+'" },

        // Attribute paths.
        { "a.b.c eq \"x\"", 1, "at most one sub-attribute" },
        { "a..b pr", 1, "at most one sub-attribute" },
        { "a. pr", 1, "an attribute name is empty" },
        { ".name pr", 1, "an attribute name is empty" },
        { "urn:foo eq \"x\"", 1, "the schema URN is incomplete" },
        { "foo:bar:name eq \"x\"", 1, "must be a URN starting with 'urn:'" },
        { "urn:ietf:params:scim:schemas:core:2.0:User: eq \"x\"", 1, "an attribute name is expected after the schema URN" },
        { "1abc eq \"x\"", 2, "Invalid number" },
        { "a_b-c pr and _x pr", 14, "'_x' is not an attribute name" },
        { "emails[type eq \"work\"].value.x eq \"a\"", 23, "a sub-attribute name is expected after '.'" },
        { "emails[type eq \"work\"].value", 29, "expected a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) or 'pr'" },

        // Characters that have no place in a filter.
        { "userName eq \"a\" # comment", 17, "Unexpected character '#'" },
        { "userName eq \"a\"&&b", 16, "Unexpected character '&'" },
        { "userName eq \"a\"; drop table users", 16, "Unexpected character ';'" },
        { "userName == \"a\"", 10, "Unexpected character '='" },
        { "userName eq \"a\" \u0000", 17, "Unexpected character U+0000" },
    };

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void Parse_InvalidFilter_ThrowsInvalidFilterNamingPositionAndReason(string text, int position, string reason)
    {
        var exception = Assert.Throws<ScimException>(() => ScimFilter.Parse(text));

        Assert.Equal(400, exception.Status);
        Assert.Equal(ScimErrorType.InvalidFilter, exception.ScimType);
        Assert.Contains($"at position {position}:", exception.Detail, StringComparison.Ordinal);
        Assert.Contains(reason, exception.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void TryParse_InvalidFilter_ReturnsErrorWithoutThrowing(string text, int position, string reason)
    {
        Assert.False(ScimFilter.TryParse(text, out var filter, out var error));

        Assert.Null(filter);
        Assert.Equal(ScimErrorType.InvalidFilter, error.ScimType);
        Assert.Contains($"at position {position}:", error.Detail, StringComparison.Ordinal);
        Assert.Contains(reason, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void TryParse_EmptyFilter_IsInvalidFilter(string? text)
    {
        Assert.False(ScimFilter.TryParse(text, out _, out var error));

        Assert.Equal(ScimErrorType.InvalidFilter, error.ScimType);
        Assert.Equal("The filter is empty.", error.Detail);
    }

    [Fact]
    public void Parse_LongTokenInError_IsTruncatedInTheDetail()
    {
        var word = new string('a', 5000);

        var exception = Assert.Throws<ScimException>(() => ScimFilter.Parse("x pr and " + word, new ScimFilterOptions { MaxLength = 10_000 }));

        Assert.True(exception.Detail.Length < 300, exception.Detail);
    }
}
