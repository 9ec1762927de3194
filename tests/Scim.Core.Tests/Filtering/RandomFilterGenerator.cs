using System.Collections.Immutable;
using System.Text;
using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Core.Tests.Filtering;

/// <summary>
/// Builds random filter trees in the canonical shape the parser produces (and/or flattened, value filters only at
/// the top level), with awkward names (keywords, <c>$ref</c>, URNs) and values (escapes, control characters, lone
/// surrogates, extreme decimals). Seeded, so a failure names the seed that reproduces it.
/// </summary>
internal sealed class RandomFilterGenerator(int seed)
{
    private static readonly string[] Keywords = ["and", "or", "not", "pr", "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "true", "false", "null"];
    private static readonly string[] Urns =
    [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        "urn:ietf:params:scim:schemas:core:2.0:Group",
        "urn:example:custom-1.0:Widget",
    ];

    private static readonly ComparisonOperator[] AllOperators = Enum.GetValues<ComparisonOperator>();

    private readonly Random _random = new(seed);

    public ScimFilter Filter(int depth = 4) => Next(depth, allowValuePath: true);

    /// <summary>A PATCH path (RFC 7644 §3.5.2): an optional URN, a name, an optional value filter, an optional sub-attribute.</summary>
    public AttributePath PatchPath(int depth = 2) => new(
        MaybeUrn(),
        Name(),
        _random.Next(2) == 0 ? Next(depth, allowValuePath: false) : null,
        _random.Next(2) == 0 ? Name() : null);

    private ScimFilter Next(int depth, bool allowValuePath)
    {
        var choice = depth <= 0 ? _random.Next(2) : _random.Next(allowValuePath ? 6 : 5);
        return choice switch
        {
            0 => Comparison(),
            1 => new PresentFilter(Path()),
            2 => new NotFilter(Next(depth - 1, allowValuePath)),
            3 => Logical(depth, allowValuePath, and: true),
            4 => Logical(depth, allowValuePath, and: false),
            _ => new ValuePathFilter(new AttributePath(MaybeUrn(), Name()), Next(depth - 1, allowValuePath: false)),
        };
    }

    private ScimFilter Logical(int depth, bool allowValuePath, bool and)
    {
        var count = _random.Next(2, 5);
        var operands = ImmutableArray.CreateBuilder<ScimFilter>(count);
        while (operands.Count < count)
        {
            var operand = Next(depth - 1, allowValuePath);
            if (and ? operand is AndFilter : operand is OrFilter)
            {
                continue;
            }

            operands.Add(operand);
        }

        return and ? new AndFilter(operands.MoveToImmutable()) : new OrFilter(operands.MoveToImmutable());
    }

    private ComparisonFilter Comparison()
    {
        var op = AllOperators[_random.Next(AllOperators.Length)];
        ComparisonValue value = op switch
        {
            ComparisonOperator.Contains or ComparisonOperator.StartsWith or ComparisonOperator.EndsWith => Text(),
            ComparisonOperator.Equal or ComparisonOperator.NotEqual => _random.Next(5) switch
            {
                0 => Number(),
                1 => _random.Next(2) == 0,
                2 => ComparisonValue.Null,
                _ => Text(),
            },
            _ => _random.Next(2) == 0 ? Number() : Text(),
        };
        return new ComparisonFilter(Path(), op, value);
    }

    private AttributePath Path() =>
        new(MaybeUrn(), Name(), null, _random.Next(3) == 0 ? (_random.Next(8) == 0 ? "$ref" : Name()) : null);

    private string? MaybeUrn() => _random.Next(5) == 0 ? Urns[_random.Next(Urns.Length)] : null;

    private string Name()
    {
        if (_random.Next(10) == 0)
        {
            var keyword = Keywords[_random.Next(Keywords.Length)];
            return _random.Next(2) == 0 ? keyword : keyword.ToUpperInvariant();
        }

        const string first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        const string rest = first + "0123456789-_";
        var builder = new StringBuilder().Append(first[_random.Next(first.Length)]);
        var length = _random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            builder.Append(rest[_random.Next(rest.Length)]);
        }

        return builder.ToString();
    }

    private decimal Number() => _random.Next(6) switch
    {
        0 => _random.Next(-1000, 1000),
        1 => decimal.MaxValue,
        2 => decimal.MinValue,
        3 => new decimal(_random.Next(), _random.Next(), _random.Next(), _random.Next(2) == 0, (byte)_random.Next(29)),
        _ => Math.Round((decimal)(_random.NextDouble() * 1e6) - 5e5m, _random.Next(0, 8)),
    };

    private string Text()
    {
        var length = _random.Next(0, 20);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(_random.Next(12) switch
            {
                0 => '"',
                1 => '\\',
                2 => (char)_random.Next(0, 0x20),
                3 => (char)_random.Next(0xD800, 0xE000),
                4 => (char)_random.Next(0x80, 0xD800),
                5 => "()[] and or not pr"[_random.Next(18)],
                6 => '/',
                _ => (char)_random.Next(0x20, 0x7F),
            });
        }

        return builder.ToString();
    }
}
