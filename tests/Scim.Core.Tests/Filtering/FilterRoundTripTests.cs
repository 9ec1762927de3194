using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Testing;
using Xunit.Abstractions;

namespace Scim.Core.Tests.Filtering;

[Trait("Category", "Generated")]
public class FilterRoundTripTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Parse_ToStringOfRandomTree_GivesAnEqualTree()
    {
        var options = new ScimFilterOptions { MaxLength = 1_000_000 };
        var checkedTrees = 0;
        await GeneratedCases.RunAsync(output, 10_000, seed =>
        {
            var tree = new RandomFilterGenerator(seed).Filter();
            var text = tree.ToString();

            Assert.True(ScimFilter.TryParse(text, options, out var parsed, out var error), $"seed {seed}: {error?.Detail}\n{text}");
            Assert.True(tree.Equals(parsed), $"seed {seed}: the tree printed as\n{text}\nparsed back as\n{parsed}");
            Assert.Equal(tree.GetHashCode(), parsed.GetHashCode());
            Assert.Equal(text, parsed.ToString());
            checkedTrees++;
        });

        Assert.Equal(GeneratedCases.Count(10_000), checkedTrees);
    }

    [Fact]
    public Task ParsePath_ToStringOfRandomValuePath_GivesAnEqualPath() =>
        GeneratedCases.RunAsync(output, 2_000, seed =>
        {
            var inner = new RandomFilterGenerator(seed).Filter(depth: 2);
            if (inner is ValuePathFilter valuePath)
            {
                inner = valuePath.Filter;
            }

            if (ContainsValuePath(inner))
            {
                return;
            }

            var path = new AttributePath("urn:ietf:params:scim:schemas:core:2.0:User", "emails", inner, seed % 2 == 0 ? "value" : null);

            Assert.Equal(path, AttributePath.Parse(path.ToString(), new ScimFilterOptions { MaxLength = 1_000_000 }));
        });

    private static bool ContainsValuePath(ScimFilter filter) => filter switch
    {
        ValuePathFilter => true,
        NotFilter not => ContainsValuePath(not.Operand),
        LogicalFilter logical => logical.Operands.Any(ContainsValuePath),
        _ => false,
    };
}
