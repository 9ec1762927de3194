using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Testing;
using Xunit.Abstractions;

namespace Scim.Core.Tests.Filtering;

/// <summary>
/// Mutated valid filters and paths, and random text: parsing either succeeds or reports invalidFilter/invalidPath
/// with a position, and never throws anything else. Counts and seeds come from <see cref="GeneratedCases"/>.
/// </summary>
[Trait("Category", "Generated")]
public class HostileInputTests(ITestOutputHelper output)
{
    private static readonly ScimFilterOptions Roomy = new() { MaxLength = 100_000 };

    [Fact]
    public async Task TryParse_MutatedValidFilters_NeverThrowAndAlwaysNameAPosition()
    {
        var failures = 0;
        await GeneratedCases.RunAsync(output, 20_000, seed =>
        {
            var text = Mutations.Text(new RandomFilterGenerator(seed).Filter(depth: 3).ToString(), new Random(seed), Mutations.FilterAlphabet);

            if (ScimFilter.TryParse(text, out var filter, out var error))
            {
                Assert.Equal(filter, ScimFilter.Parse(filter.ToString(), Roomy));
            }
            else
            {
                failures++;
                AssertPositionedError(error, ScimErrorType.InvalidFilter, text);
            }
        });

        // The mutations must actually break most filters, or this test proves little.
        Assert.True(failures > GeneratedCases.Count(20_000) / 2, $"only {failures} mutated filters were invalid");
    }

    [Fact]
    public async Task TryParse_MutatedPatchPaths_NeverThrowAndAlwaysNameAPosition()
    {
        var failures = 0;
        await GeneratedCases.RunAsync(output, 20_000, seed =>
        {
            var text = Mutations.Text(new RandomFilterGenerator(seed).PatchPath().ToString(), new Random(seed), Mutations.FilterAlphabet);

            if (AttributePath.TryParse(text, out var path, out var error))
            {
                Assert.Equal(path, AttributePath.Parse(path.ToString(), Roomy));
            }
            else
            {
                failures++;
                AssertPositionedError(error, ScimErrorType.InvalidPath, text);
            }
        });

        Assert.True(failures > GeneratedCases.Count(20_000) / 3, $"only {failures} mutated paths were invalid");
    }

    [Fact]
    public async Task TryParse_RandomText_NeverThrows()
    {
        await GeneratedCases.RunAsync(output, 20_000, seed =>
        {
            var random = new Random(seed);
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Mutations.FilterAlphabet[random.Next(Mutations.FilterAlphabet.Length)];
            }

            var text = new string(chars);
            if (!ScimFilter.TryParse(text, out _, out var filterError))
            {
                AssertPositionedError(filterError, ScimErrorType.InvalidFilter, text);
            }

            if (!AttributePath.TryParse(text, out _, out var pathError))
            {
                AssertPositionedError(pathError, ScimErrorType.InvalidPath, text);
            }
        });
    }

    private static void AssertPositionedError(ScimError error, ScimErrorType type, string text)
    {
        Assert.Equal(400, error.Status);
        Assert.Equal(type, error.ScimType);
        Assert.True(
            error.Detail.Contains(" at position ", StringComparison.Ordinal) || error.Detail.EndsWith(" is empty.", StringComparison.Ordinal),
            $"'{text}' gave '{error.Detail}'");
    }
}
