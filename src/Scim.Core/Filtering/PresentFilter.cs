using Scim.Core.Paths;

namespace Scim.Core.Filtering;

/// <summary>The presence test <c>attribute pr</c>: the attribute has a non-empty value.</summary>
/// <param name="Attribute">The attribute path; it never carries a value filter.</param>
public sealed record PresentFilter(AttributePath Attribute) : ScimFilter;
