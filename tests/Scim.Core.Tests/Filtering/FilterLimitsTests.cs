using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Core.Tests.Filtering;

/// <summary>Hostile input is rejected with invalidFilter: no stack overflow, no hang, no unbounded work.</summary>
public class FilterLimitsTests
{
    public static TheoryData<string> DeeplyNested => new()
    {
        new string('(', 100_000),
        string.Concat(Enumerable.Repeat("not (", 100_000)),
        string.Concat(Enumerable.Repeat("not(", 100_000)),
        string.Concat(Enumerable.Repeat("(", 100_000)) + "a pr" + new string(')', 100_000),
        "e[" + string.Concat(Enumerable.Repeat("(a pr and ", 90_000)),
    };

    [Theory]
    [InlineData("e[e[")]
    [InlineData("e[[[[[[[[[[[[[[[[[[[[[[")]
    public void Parse_BracketInsideBracket_IsRejectedAtTheSecondBracket(string prefix)
    {
        var text = prefix + string.Concat(Enumerable.Repeat("e[", 100_000));

        var exception = Assert.Throws<ScimException>(() => ScimFilter.Parse(text, new ScimFilterOptions { MaxLength = 1_000_000 }));

        Assert.Contains("at position " + (prefix.IndexOf('[', 2) + 1) + ": Value filters cannot be nested", exception.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeeplyNested))]
    public void Parse_HundredThousandLevelsOfNesting_IsRejectedAsTooLong(string text)
    {
        var exception = Assert.Throws<ScimException>(() => ScimFilter.Parse(text));

        Assert.Equal(ScimErrorType.InvalidFilter, exception.ScimType);
        Assert.Contains("the limit is 4096", exception.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeeplyNested))]
    public void Parse_HundredThousandLevelsWithLengthLimitLifted_IsRejectedAtTheDepthLimit(string text)
    {
        var options = new ScimFilterOptions { MaxLength = 1_000_000 };

        var exception = Assert.Throws<ScimException>(() => ScimFilter.Parse(text, options));

        Assert.Equal(ScimErrorType.InvalidFilter, exception.ScimType);
        Assert.Contains("Nesting is deeper than the limit of 64", exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheDepthLimit_Parses()
    {
        var text = string.Concat(Enumerable.Repeat("not (", 64)) + "a pr" + new string(')', 64);

        var filter = ScimFilter.Parse(text);

        for (var i = 0; i < 64; i++)
        {
            filter = Assert.IsType<NotFilter>(filter).Operand;
        }

        Assert.IsType<PresentFilter>(filter);
    }

    [Fact]
    public void Parse_OneLevelBeyondTheDepthLimit_IsRejected()
    {
        var text = string.Concat(Enumerable.Repeat("not (", 65)) + "a pr" + new string(')', 65);

        var exception = Assert.Throws<ScimException>(() => ScimFilter.Parse(text));

        Assert.Contains("at position 325: Nesting is deeper than the limit of 64", exception.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MaximumSupportedDepth_ParsesEvaluatesAndPrintsWithoutOverflow()
    {
        var depth = ScimFilterOptions.MaxSupportedDepth;
        var text = string.Concat(Enumerable.Repeat("not (", depth)) + "a pr" + new string(')', depth);
        var options = new ScimFilterOptions { MaxLength = 10_000, MaxDepth = depth };

        var filter = ScimFilter.Parse(text, options);

        Assert.Equal(filter, ScimFilter.Parse(filter.ToString(), options));
        // An even number of negations cancels out.
        Assert.True(ScimFilterEvaluator.Matches(filter, new System.Text.Json.Nodes.JsonObject { ["a"] = "x" }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ScimFilterOptions.MaxSupportedDepth + 1)]
    public void Options_DepthOutOfRange_IsRefused(int depth)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScimFilterOptions { MaxDepth = depth });
    }

    [Fact]
    public void Options_NonPositiveLength_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScimFilterOptions { MaxLength = 0 });
    }

    [Fact]
    public void Parse_FilterAtTheLengthLimit_Parses()
    {
        var text = "userName eq \"" + new string('x', 4096 - 14) + "\"";

        Assert.Equal(4096, text.Length);
        Assert.IsType<ComparisonFilter>(ScimFilter.Parse(text));
    }

    [Fact]
    public void Parse_FilterOneCharacterOverTheLengthLimit_IsRejected()
    {
        var text = "userName eq \"" + new string('x', 4096 - 13) + "\"";

        var exception = Assert.Throws<ScimException>(() => ScimFilter.Parse(text));

        Assert.Equal("The filter is 4097 characters long; the limit is 4096.", exception.Detail);
    }

    [Fact]
    public void Parse_ConfiguredLengthLimit_IsHonoured()
    {
        Assert.Throws<ScimException>(() => ScimFilter.Parse("userName eq \"abc\"", new ScimFilterOptions { MaxLength = 10 }));
    }

    [Fact]
    public void Parse_LongFlatChainWithinLimits_ParsesIntoOneNode()
    {
        var text = string.Join(" and ", Enumerable.Range(0, 5000).Select(i => "a" + i + " pr"));

        var filter = ScimFilter.Parse(text, new ScimFilterOptions { MaxLength = 100_000 });

        Assert.Equal(5000, Assert.IsType<AndFilter>(filter).Operands.Length);
        Assert.Equal(filter, ScimFilter.Parse(filter.ToString(), new ScimFilterOptions { MaxLength = 100_000 }));
    }

    [Fact]
    public void ParsePath_HundredThousandParentheses_IsRejectedAsInvalidPath()
    {
        var exception = Assert.Throws<ScimException>(() => AttributePath.Parse("members[" + new string('(', 100_000), new ScimFilterOptions { MaxLength = 1_000_000 }));

        Assert.Equal(ScimErrorType.InvalidPath, exception.ScimType);
        Assert.Contains("at position 72: Nesting is deeper than the limit of 64", exception.Detail, StringComparison.Ordinal);
    }
}
