using Scim.Core.Resources;

namespace Scim.Core.Stores;

/// <summary>One page of a query.</summary>
/// <param name="Resources">The resources on the page, in order.</param>
/// <param name="TotalResults">How many resources match in all.</param>
public sealed record QueryResult(IReadOnlyList<ScimResource> Resources, int TotalResults)
{
    /// <summary>
    /// In cursor paging (<see cref="ListQuery.Cursor"/> set), the cursor of the page after this one; <see langword="null"/>
    /// on the last page, and only there (RFC 9865 §2). Always <see langword="null"/> in index paging.
    /// </summary>
    public string? NextCursor { get; init; }

    /// <summary>
    /// In cursor paging, the cursor of the page before this one; <see langword="null"/> on the first page (RFC 9865 §2)
    /// and when the store cannot page backwards.
    /// </summary>
    public string? PreviousCursor { get; init; }
}
