using System.Collections.Immutable;

namespace Scim.Core.Filtering;

/// <summary>The logical <c>or</c> of two or more filters: <c>title pr or userType eq "Intern"</c>.</summary>
/// <param name="Operands">The operands, in source order.</param>
public sealed record OrFilter(ImmutableArray<ScimFilter> Operands) : LogicalFilter(Operands);
