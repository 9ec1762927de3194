using Scim.Core.Paths;

namespace Scim.Core.Filtering;

/// <summary>
/// A value filter on a complex attribute, <c>emails[type eq "work" and value co "@example.com"]</c>: true when one
/// and the same value of the attribute satisfies <see cref="Filter"/>.
/// </summary>
/// <param name="Attribute">The complex attribute (no sub-attribute, no value filter of its own).</param>
/// <param name="Filter">The filter each value is tested with; its paths name sub-attributes.</param>
public sealed record ValuePathFilter(AttributePath Attribute, ScimFilter Filter) : ScimFilter;
