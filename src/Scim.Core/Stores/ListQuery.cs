using Scim.Core.Filtering;
using Scim.Core.Paths;

namespace Scim.Core.Stores;

/// <summary>A query on one resource type (RFC 7644 §3.4.2): filter, sort and page.</summary>
/// <param name="Filter">The bound filter, or <see langword="null"/> for all resources.</param>
/// <param name="SortBy">The attribute to sort by, or <see langword="null"/> for the store's stable default order.</param>
/// <param name="Descending">Whether to sort in descending order.</param>
/// <param name="StartIndex">The 1-based index of the first result (RFC 7644 §3.4.2.4); ignored when <see cref="Cursor"/> is set.</param>
/// <param name="Count">The most results to return; 0 asks only for the total.</param>
public sealed record ListQuery(ScimFilter? Filter, AttributePath? SortBy, bool Descending, int StartIndex, int Count)
{
    /// <summary>Everything, first page of 100, in the store's default order.</summary>
    public static ListQuery All { get; } = new(null, null, false, 1, 100);

    /// <summary>
    /// Asks for cursor-based paging (RFC 9865) instead of <see cref="StartIndex"/>: <c>""</c> for the first page, else
    /// a <see cref="QueryResult.NextCursor"/> or <see cref="QueryResult.PreviousCursor"/> the store returned for the
    /// same query. <see langword="null"/> (the default) is index paging.
    /// </summary>
    /// <remarks>
    /// Only a store whose <see cref="IResourceStore.SupportsCursors"/> is <see langword="true"/> reads it. Such a store
    /// answers a cursor it did not issue, or issued for another query, with 400 <c>invalidCursor</c>; a cursor past its
    /// lifetime with 400 <c>expiredCursor</c>; a <see cref="Count"/> other than the first page's with 400 <c>invalidCount</c>.
    /// </remarks>
    public string? Cursor { get; init; }

    /// <summary>The attributes the response will show, so the store can skip loading others (e.g. <c>members</c>).</summary>
    public AttributeSelection Selection { get; init; } = AttributeSelection.All;
}
