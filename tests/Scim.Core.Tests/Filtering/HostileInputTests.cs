using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Core.Tests.Filtering;

/// <summary>
/// Mutated valid filters and random text: parsing either succeeds or reports invalidFilter/invalidPath with a
/// position, and never throws anything else. Seeded, so a failure names the case that reproduces it.
/// </summary>
public class HostileInputTests
{
    private const int Cases = 20_000;
    private const string Alphabet = "()[]\"\\ .:$-_aAzZ09eqnotrpwsgl\t\u0000\u00e9\ud800[](";

    [Fact]
    public void TryParse_MutatedValidFilters_NeverThrowAndAlwaysNameAPosition()
    {
        var failures = 0;
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var text = Mutate(new RandomFilterGenerator(seed).Filter(depth: 3).ToString(), random);

            if (ScimFilter.TryParse(text, out var filter, out var error))
            {
                Assert.Equal(filter, ScimFilter.Parse(filter.ToString(), new ScimFilterOptions { MaxLength = 100_000 }));
            }
            else
            {
                failures++;
                AssertPositionedError(error, ScimErrorType.InvalidFilter, text, seed);
            }
        }

        // The mutations must actually break most filters, or this test proves little.
        Assert.True(failures > Cases / 2, $"only {failures} of {Cases} mutated filters were invalid");
    }

    [Fact]
    public void TryParse_RandomText_NeverThrows()
    {
        var random = new Random(12345);
        for (var i = 0; i < Cases; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            var text = new string(chars);
            if (!ScimFilter.TryParse(text, out _, out var filterError))
            {
                AssertPositionedError(filterError, ScimErrorType.InvalidFilter, text, i);
            }

            if (!AttributePath.TryParse(text, out _, out var pathError))
            {
                AssertPositionedError(pathError, ScimErrorType.InvalidPath, text, i);
            }
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 1 when at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                default:
                    if (at < chars.Count)
                    {
                        chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    break;
            }
        }

        return new string([.. chars]);
    }

    private static void AssertPositionedError(ScimError error, ScimErrorType type, string text, int seed)
    {
        Assert.Equal(400, error.Status);
        Assert.Equal(type, error.ScimType);
        Assert.True(
            error.Detail.Contains(" at position ", StringComparison.Ordinal) || error.Detail.EndsWith(" is empty.", StringComparison.Ordinal),
            $"case {seed}: '{text}' gave '{error.Detail}'");
    }
}
