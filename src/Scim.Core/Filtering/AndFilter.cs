using System.Collections.Immutable;

namespace Scim.Core.Filtering;

/// <summary>The logical <c>and</c> of two or more filters: <c>title pr and userType eq "Employee"</c>.</summary>
/// <param name="Operands">The operands, in source order.</param>
public sealed record AndFilter(ImmutableArray<ScimFilter> Operands) : LogicalFilter(Operands);
