using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Scim.Core.Errors;
using Scim.Core.Filtering.Parsing;
using Scim.Core.Paths;

namespace Scim.Core.Filtering;

/// <summary>
/// A SCIM filter (RFC 7644 §3.4.2.2) as an immutable tree that compares by value. Parse one with
/// <see cref="Parse(string)"/>; <see cref="ToString"/> prints canonical filter text that parses back to an equal tree.
/// </summary>
/// <remarks>
/// The closed set of nodes is <see cref="ComparisonFilter"/>, <see cref="PresentFilter"/>, <see cref="AndFilter"/>,
/// <see cref="OrFilter"/>, <see cref="NotFilter"/> and <see cref="ValuePathFilter"/>.
/// </remarks>
public abstract record ScimFilter
{
    private protected ScimFilter()
    {
    }

    /// <summary>Parses a filter with the default limits.</summary>
    /// <param name="text">The filter text, e.g. <c>userName eq "bjensen"</c>.</param>
    /// <returns>The filter tree.</returns>
    /// <exception cref="ScimException">The text is not a valid filter (<c>invalidFilter</c>, with the position and what was expected).</exception>
    public static ScimFilter Parse(string text) => Parse(text, ScimFilterOptions.Default);

    /// <summary>Parses a filter with the given limits.</summary>
    /// <param name="text">The filter text.</param>
    /// <param name="options">Length and nesting limits.</param>
    /// <returns>The filter tree.</returns>
    /// <exception cref="ScimException">The text is not a valid filter (<c>invalidFilter</c>, with the position and what was expected).</exception>
    public static ScimFilter Parse(string text, ScimFilterOptions options) =>
        TryParse(text, options, out var filter, out var error) ? filter : throw new ScimException(error);

    /// <summary>Parses a filter with the default limits, without throwing.</summary>
    /// <param name="text">The filter text.</param>
    /// <param name="filter">The filter tree, when the text is valid.</param>
    /// <param name="error">The <c>invalidFilter</c> error, when it is not.</param>
    /// <returns>Whether the text is a valid filter.</returns>
    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out ScimFilter? filter,
        [NotNullWhen(false)] out ScimError? error) =>
        TryParse(text, ScimFilterOptions.Default, out filter, out error);

    /// <summary>Parses a filter with the given limits, without throwing.</summary>
    /// <param name="text">The filter text.</param>
    /// <param name="options">Length and nesting limits.</param>
    /// <param name="filter">The filter tree, when the text is valid.</param>
    /// <param name="error">The <c>invalidFilter</c> error, when it is not.</param>
    /// <returns>Whether the text is a valid filter.</returns>
    public static bool TryParse(
        string? text,
        ScimFilterOptions options,
        [NotNullWhen(true)] out ScimFilter? filter,
        [NotNullWhen(false)] out ScimError? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FilterParser.TryParseFilter(text, options, out filter, out error);
    }

    /// <summary>Combines filters with <c>and</c>; nested <see cref="AndFilter"/> operands are flattened.</summary>
    /// <param name="operands">The filters.</param>
    /// <returns>The conjunction, or the single operand when only one is given.</returns>
    /// <exception cref="ArgumentException">No operand is given.</exception>
    public static ScimFilter And(params IEnumerable<ScimFilter> operands) => Combine(LogicalOperator.And, null, operands);

    /// <summary>Combines filters with <c>or</c>; nested <see cref="OrFilter"/> operands are flattened.</summary>
    /// <param name="operands">The filters.</param>
    /// <returns>The disjunction, or the single operand when only one is given.</returns>
    /// <exception cref="ArgumentException">No operand is given.</exception>
    public static ScimFilter Or(params IEnumerable<ScimFilter> operands) => Combine(LogicalOperator.Or, null, operands);

    /// <summary>Prints the filter as canonical SCIM filter text that parses back to an equal tree.</summary>
    /// <returns>The filter text.</returns>
    public sealed override string ToString() => FilterFormatter.Format(this);

    internal static ScimFilter Combine(LogicalOperator op, ScimFilter? first, IEnumerable<ScimFilter> rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        var operands = rest as IReadOnlyList<ScimFilter> ?? [.. rest];
        var count = first is null ? 0 : Width(op, first);
        for (var i = 0; i < operands.Count; i++)
        {
            count += Width(op, operands[i] ?? throw new ArgumentNullException(nameof(rest)));
        }

        // Filled in place rather than through a builder: this runs for every and/or chain the parser meets.
        var array = new ScimFilter[count];
        var next = 0;
        if (first is not null)
        {
            Add(array, ref next, op, first);
        }

        for (var i = 0; i < operands.Count; i++)
        {
            Add(array, ref next, op, operands[i]);
        }

        return count switch
        {
            0 => throw new ArgumentException("At least one operand is required.", nameof(rest)),
            1 => array[0],
            _ when op == LogicalOperator.And => new AndFilter(ImmutableCollectionsMarshal.AsImmutableArray(array)),
            _ => new OrFilter(ImmutableCollectionsMarshal.AsImmutableArray(array)),
        };

        static bool SameKind(LogicalOperator op, ScimFilter operand) => op == LogicalOperator.And ? operand is AndFilter : operand is OrFilter;

        static int Width(LogicalOperator op, ScimFilter operand) => SameKind(op, operand) ? ((LogicalFilter)operand).Operands.Length : 1;

        static void Add(ScimFilter[] array, ref int next, LogicalOperator op, ScimFilter operand)
        {
            if (SameKind(op, operand))
            {
                var inner = ((LogicalFilter)operand).Operands;
                inner.CopyTo(array, next);
                next += inner.Length;
            }
            else
            {
                array[next++] = operand;
            }
        }
    }
}
