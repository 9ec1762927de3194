using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Tests.Generated;
using Scim.Testing;
using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Filtering;

/// <summary>
/// FsCheck properties of the filter and path parsers over grammar-aware input (<see cref="ScimArbitraries"/>): printing
/// and parsing again gives the same tree, and mutated text either parses (and then round-trips and evaluates) or fails
/// with a 400 invalidFilter/invalidPath ScimException, never any other exception.
/// </summary>
[Trait("Category", "Generated")]
public class FilterProperties
{
    private static readonly ScimFilterOptions Roomy = new() { MaxLength = 1_000_000 };
    private static readonly JsonObject UserJson = User().Json;

    [GeneratedProperty(1_000)]
    public void Parse_PrintedFilter_GivesTheSameTree(ScimFilter filter)
    {
        GeneratedCases.WithinBound(() =>
        {
            var text = filter.ToString();

            Assert.Equal(filter, ScimFilter.Parse(text, Roomy));
            Assert.Equal(text, ScimFilter.Parse(text, Roomy).ToString());
        });
    }

    [GeneratedProperty(1_000)]
    public void Parse_PrintedPatchPath_GivesTheSamePath(AttributePath path)
    {
        GeneratedCases.WithinBound(() =>
        {
            Assert.Equal(path, AttributePath.Parse(path.ToString(), Roomy));
        });
    }

    [GeneratedProperty(2_000)]
    public void Parse_MutatedFilterOrPath_ParsesOrThrowsOnlyA400ScimException(MutatedText input)
    {
        GeneratedCases.WithinBound(() =>
        {
            var filter = Parse(() => ScimFilter.Parse(input.Text), ScimErrorType.InvalidFilter);
            if (filter is not null)
            {
                Assert.Equal(filter, ScimFilter.Parse(filter.ToString(), Roomy));
                Evaluate(filter);
            }

            var path = Parse(() => AttributePath.Parse(input.Text), ScimErrorType.InvalidPath);
            if (path is not null)
            {
                Assert.Equal(path, AttributePath.Parse(path.ToString(), Roomy));
            }
        });
    }

    private static T? Parse<T>(Func<T> parse, ScimErrorType type)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (ScimException e)
        {
            Assert.Equal(400, e.Status);
            Assert.Equal(type, e.ScimType);
            return null;
        }
    }

    private static void Evaluate(ScimFilter filter)
    {
        try
        {
            ScimFilterEvaluator.Matches(filter, UserJson);
            ScimFilterEvaluator.Matches(filter, User(), Registry);
        }
        catch (ScimException e)
        {
            Assert.Equal(400, e.Status);
        }
    }
}
