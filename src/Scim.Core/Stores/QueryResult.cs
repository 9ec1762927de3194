using Scim.Core.Resources;

namespace Scim.Core.Stores;

/// <summary>One page of a query.</summary>
/// <param name="Resources">The resources on the page, in order.</param>
/// <param name="TotalResults">How many resources match in all.</param>
public sealed record QueryResult(IReadOnlyList<ScimResource> Resources, int TotalResults);
