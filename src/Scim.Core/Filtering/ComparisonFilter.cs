using Scim.Core.Paths;

namespace Scim.Core.Filtering;

/// <summary>An attribute compared with a value: <c>userName eq "bjensen"</c>, <c>meta.lastModified gt "2011-05-13T04:42:34Z"</c>.</summary>
/// <param name="Attribute">The attribute path; it never carries a value filter.</param>
/// <param name="Operator">The comparison operator.</param>
/// <param name="Value">The value compared with.</param>
public sealed record ComparisonFilter(AttributePath Attribute, ComparisonOperator Operator, ComparisonValue Value) : ScimFilter;
