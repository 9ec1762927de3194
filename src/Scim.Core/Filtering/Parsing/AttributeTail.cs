namespace Scim.Core.Filtering.Parsing;

/// <summary>What follows an attribute path in a filter: <c>pr</c>, an operator and value, or <c>[filter]</c>.</summary>
internal readonly record struct AttributeTail(AttributeTailKind Kind, ComparisonOperator Operator, ComparisonValue Value, ScimFilter? Filter)
{
    public static readonly AttributeTail Present = new(AttributeTailKind.Present, default, default, null);

    public AttributeTail(ComparisonOperator op, ComparisonValue value)
        : this(AttributeTailKind.Comparison, op, value, null)
    {
    }

    public AttributeTail(ScimFilter valueFilter)
        : this(AttributeTailKind.ValuePath, default, default, valueFilter)
    {
    }
}
