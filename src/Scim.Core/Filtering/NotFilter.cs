namespace Scim.Core.Filtering;

/// <summary>The negation <c>not (filter)</c>.</summary>
/// <param name="Operand">The negated filter.</param>
public sealed record NotFilter(ScimFilter Operand) : ScimFilter;
