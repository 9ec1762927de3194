using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Core.Stores;

/// <summary>A query on one resource type (RFC 7644 §3.4.2): filter, sort and page.</summary>
/// <param name="Filter">The bound filter, or <see langword="null"/> for all resources.</param>
/// <param name="SortBy">The attribute to sort by, or <see langword="null"/> for the store's stable default order.</param>
/// <param name="Descending">Whether to sort in descending order.</param>
/// <param name="StartIndex">The 1-based index of the first result (RFC 7644 §3.4.2.4).</param>
/// <param name="Count">The most results to return; 0 asks only for the total.</param>
public sealed record ListQuery(ScimFilter? Filter, AttributePath? SortBy, bool Descending, int StartIndex, int Count)
{
    /// <summary>Everything, first page of 100, in the store's default order.</summary>
    public static ListQuery All { get; } = new(null, null, false, 1, 100);
}
