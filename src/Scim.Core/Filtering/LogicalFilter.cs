using System.Collections.Immutable;

namespace Scim.Core.Filtering;

/// <summary>
/// An <c>and</c> or <c>or</c> of two or more filters. The parser flattens chains, so <c>a and b and c</c> is one node
/// with three operands; equality compares the node type and the operands in order.
/// </summary>
public abstract record LogicalFilter : ScimFilter
{
    private protected LogicalFilter(ImmutableArray<ScimFilter> operands)
    {
        Operands = operands.IsDefault ? [] : operands;
    }

    /// <summary>The operands, in source order.</summary>
    public ImmutableArray<ScimFilter> Operands { get; init; }

    /// <inheritdoc/>
    public virtual bool Equals(LogicalFilter? other) =>
        ReferenceEquals(this, other)
        || (other is not null && base.Equals(other) && Operands.AsSpan().SequenceEqual(other.Operands.AsSpan()));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(EqualityContract);
        foreach (var operand in Operands)
        {
            hash.Add(operand);
        }

        return hash.ToHashCode();
    }
}
