namespace Scim.Core.Filtering.Parsing;

/// <summary>Which n-ary node a chain of operands becomes.</summary>
internal enum LogicalOperator : byte
{
    And,
    Or,
}
